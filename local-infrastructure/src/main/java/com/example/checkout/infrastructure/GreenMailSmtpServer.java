package com.example.checkout.infrastructure;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process SMTP server (GreenMail) that accepts every mail without authentication and keeps it in memory.
 *
 * <p>GreenMail forgets its mailboxes when stopped, so the messages of earlier runs are kept here: a test can stop the
 * server, let a service retry, start it again and still count every mail the service sent.
 */
final class GreenMailSmtpServer implements SmtpServer, AutoCloseable {

    private static final String HOST = "localhost";
    private static final String BIND_ADDRESS = "127.0.0.1";

    private final int port;
    private final List<MimeMessage> receivedBeforeLastStart = new ArrayList<>();
    private final Set<String> rejectedRecipients = ConcurrentHashMap.newKeySet();
    private GreenMail greenMail;

    private GreenMailSmtpServer(int port) {
        this.port = port;
    }

    static GreenMailSmtpServer start(int port) {
        GreenMailSmtpServer server = new GreenMailSmtpServer(port);
        server.start();
        return server;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> messages = new ArrayList<>(receivedBeforeLastStart);
        if (greenMail != null) {
            messages.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        }
        return List.copyOf(messages);
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP);
        // GreenMail's default of 2 s is too short on a loaded two-core machine.
        setup.setServerStartupTimeout(30_000);
        GreenMail starting = new RejectingGreenMail(setup, rejectedRecipients);
        starting.start(); // returns once the server accepts connections
        deliverAllToOneMailbox(starting.getUserManager());
        greenMail = starting;
    }

    /**
     * GreenMail otherwise creates a user and a mailbox for each new recipient, and places a new mailbox by scanning
     * all the others: quadratic in recipients, half of the SMTP server's CPU after 20,000 orders (JFR; every order
     * mails an address of its own). Mail is read here only as all of it ({@link #receivedMessages}), recipients in
     * its headers, so one mailbox holds it all.
     */
    private static void deliverAllToOneMailbox(UserManager users) {
        try {
            GreenMailUser everyone = users.createUser("received@localhost", "received", "received");
            users.setMessageDeliveryHandler((message, recipient) -> everyone);
        } catch (UserException notCreated) {
            throw new IllegalStateException("GreenMail refused its one mailbox", notCreated);
        }
    }

    @Override
    public synchronized void stop() {
        if (greenMail == null) {
            return;
        }
        receivedBeforeLastStart.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        greenMail.stop();
        greenMail = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public boolean canRejectRecipients() {
        return true;
    }

    @Override
    public void rejectRecipient(String address) {
        rejectedRecipients.add(address.toLowerCase(Locale.ROOT));
    }

    /** GreenMail accepts every recipient; its SMTP handlers ask the SMTP manager, which this one answers with 550. */
    private static final class RejectingGreenMail extends GreenMail {

        private final Set<String> rejected;

        RejectingGreenMail(ServerSetup setup, Set<String> rejected) {
            super(setup);
            this.rejected = rejected;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers mgr) {
            SmtpManager smtp = new SmtpManager(mgr.getImapHostManager(), mgr.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress recipient) {
                    return rejected.contains(recipient.getEmail().toLowerCase(Locale.ROOT))
                            ? "550 5.1.1 <" + recipient.getEmail() + ">: no such mailbox" : null;
                }
            };
            return super.createServices(config, new Managers() {
                @Override
                public SmtpManager getSmtpManager() {
                    return smtp;
                }

                @Override
                public UserManager getUserManager() {
                    return mgr.getUserManager();
                }

                @Override
                public ImapHostManager getImapHostManager() {
                    return mgr.getImapHostManager();
                }
            });
        }
    }
}

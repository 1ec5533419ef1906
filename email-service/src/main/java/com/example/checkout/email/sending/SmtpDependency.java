package com.example.checkout.email.sending;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import com.example.checkout.consumer.NonRetryableEventException;
import com.example.checkout.consumer.outage.Dependency;
import org.springframework.stereotype.Component;

/**
 * The mail server, for the consumer's pause: unreachable, refusing or dropping connections, or timing out means it
 * is down for every email, so the group waits for it instead of parking the emails. A recipient it rejects is one
 * email's failure, not an outage.
 */
@Component
class SmtpDependency implements Dependency {

    private final SmtpConnections smtp;

    SmtpDependency(SmtpConnections smtp) {
        this.smtp = smtp;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public boolean isDown(Throwable failure) {
        return !Dependency.causedBy(failure, NonRetryableEventException.class)
                && Dependency.causedBy(failure, SocketException.class, SocketTimeoutException.class,
                UnknownHostException.class);
    }

    @Override
    public void probe() {
        smtp.probe();
    }
}

package com.example.checkout.email.confirmation;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EmailLogController {

    private final JdbcClient jdbc;

    EmailLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/emails")
    List<SentEmail> ofOrder(@RequestParam UUID orderId) {
        return jdbc.sql("SELECT order_id, template, recipient, subject, message_id, sent_at FROM email_log WHERE order_id = ? AND status = 'SENT' ORDER BY sent_at")
                .param(orderId).query(SentEmail.class).list();
    }
}

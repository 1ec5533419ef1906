package com.example.checkout.inventory.reservation;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReservationController {

    private final JdbcClient jdbc;

    ReservationController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/reservations")
    List<Reservation> ofOrder(@RequestParam UUID orderId) {
        return jdbc.sql("SELECT * FROM reservations WHERE order_id = ? ORDER BY sku").param(orderId)
                .query(Reservation.class).list();
    }
}

package com.example.checkout.payment.provider.balance;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BalanceController {

    private final Ledger ledger;

    BalanceController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/v1/balance")
    Balance balance() {
        return ledger.balance();
    }
}

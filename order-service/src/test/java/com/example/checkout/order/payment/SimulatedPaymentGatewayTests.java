package com.example.checkout.order.payment;

import com.example.checkout.order.payment.PaymentGateway.Charge;
import com.example.checkout.order.payment.PaymentGateway.ChargeRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SimulatedPaymentGatewayTests {

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    @Test
    void theApprovingTokenIsCaptured() {
        // when
        Charge charge = gateway.charge(new ChargeRequest("order-1", "tok_ok", 4980, "EUR"));

        // then
        assertThat(charge.reference()).startsWith("ch_");
        assertThat(charge.amountCents()).isEqualTo(4980);
        assertThat(charge.currency()).isEqualTo("EUR");
        assertThat(gateway.captures()).isEqualTo(1);
    }

    @Test
    void theDecliningTokenIsDeclinedAndCapturesNothing() {
        assertThatExceptionOfType(PaymentDeclinedException.class)
                .isThrownBy(() -> gateway.charge(new ChargeRequest("order-1", "tok_declined", 4980, "EUR")));
        assertThat(gateway.captures()).isZero();
    }

    @Test
    void chargingTheSameKeyTwiceCapturesOnceAndReturnsTheFirstCharge() {
        // given
        Charge first = gateway.charge(new ChargeRequest("order-1", "tok_ok", 4980, "EUR"));

        // when the charge is retried (a timeout on our side, say)
        Charge retried = gateway.charge(new ChargeRequest("order-1", "tok_ok", 4980, "EUR"));

        // then
        assertThat(retried).isEqualTo(first);
        assertThat(gateway.captures()).isEqualTo(1);
    }

    @Test
    void differentKeysAreDifferentCharges() {
        // when
        Charge one = gateway.charge(new ChargeRequest("order-1", "tok_ok", 100, "EUR"));
        Charge other = gateway.charge(new ChargeRequest("order-2", "tok_ok", 100, "EUR"));

        // then
        assertThat(one.reference()).isNotEqualTo(other.reference());
        assertThat(gateway.captures()).isEqualTo(2);
    }

    @Test
    void aCancelledChargeIsCountedOnceHoweverOftenItIsCancelled() {
        // given
        Charge charge = gateway.charge(new ChargeRequest("order-1", "tok_ok", 100, "EUR"));

        // when
        gateway.cancel(charge);
        gateway.cancel(charge);

        // then
        assertThat(gateway.captures()).isEqualTo(1);
        assertThat(gateway.cancellations()).isEqualTo(1);
    }
}

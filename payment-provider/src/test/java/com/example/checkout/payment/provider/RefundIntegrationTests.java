package com.example.checkout.payment.provider;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.example.checkout.payment.provider.ProviderApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import static com.example.checkout.payment.provider.ChargeIntegrationTests.awaitQuietly;
import static com.example.checkout.payment.provider.ChargeIntegrationTests.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refunds against the real provider and its Postgres: at most one per charge, whoever asks and how often. */
class RefundIntegrationTests extends RunningProvider {

    @Test
    void aRefundIsIdempotentOnItsKeyAndMarksTheChargeRefunded() {
        // given
        String charge = capture(2599);
        String key = newKey();

        // when
        Answer refund = api().refund(key, charge);
        Answer again = api().refund(key, charge);

        // then
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.body().get("id").asString()).startsWith("re_");
        assertThat(refund.body().get("object").asString()).isEqualTo("refund");
        assertThat(refund.body().get("charge").asString()).isEqualTo(charge);
        assertThat(refund.body().get("amount").asLong()).isEqualTo(2599);
        assertThat(refund.body().get("status").asString()).isEqualTo("succeeded");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.body()).isEqualTo(refund.body());
        assertThat(api().get("/v1/charges/" + charge).body().get("refunded").asBoolean()).isTrue();
        assertThat(refundsOf(charge)).isOne();
    }

    @Test
    void aRefundedChargeAskedAgainWithAnotherKeyAnswersItsOneRefund() {
        // given: the saga refunded it
        String charge = capture(1500);
        Answer first = api().refund("refund-order-" + UUID.randomUUID(), charge);

        // when: a reconciler asks too
        Answer second = api().refund("refund-orphan-" + charge, charge);

        // then
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.replayed()).isNull();
        assertThat(second.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(refundsOf(charge)).isOne();
    }

    @Test
    void concurrentRefundsOfOneChargeWithDifferentKeysRefundItOnce() {
        // given
        String charge = capture(700);
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Answer> answers;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Answer>> requests = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return api().refund(newKey(), charge);
                    }, clients)).toList();
            start.countDown();
            answers = requests.stream().map(CompletableFuture::join).toList();
        }

        // then
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(5);
        assertThat(answers.stream().map(answer -> answer.body().get("id").asString()).distinct()).hasSize(1);
        assertThat(refundsOf(charge)).isOne();
    }

    @Test
    void aRefundKeyReusedForAnotherChargeIs422() {
        // given
        String key = newKey();
        api().refund(key, capture(100));
        String other = capture(200);

        // when
        Answer answer = api().refund(key, other);

        // then
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.errorType()).isEqualTo("idempotency_error");
        assertThat(refundsOf(other)).isZero();
    }

    @Test
    void aRefundOfAnUnknownChargeIs404AndStoresNothing() {
        // given
        String key = newKey();

        // when
        Answer answer = api().refund(key, "ch_" + UUID.randomUUID());

        // then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorType()).isEqualTo("invalid_request_error");
        assertThat(answer.errorParam()).isEqualTo("charge");
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE idempotency_key = ?").param(key).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aDeclinedChargeCannotBeRefunded() {
        // given
        String declined = api().charge(newKey(), 100, "tok_declined").body().get("error").get("charge").asString();

        // when
        Answer answer = api().refund(newKey(), declined);

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorParam()).isEqualTo("charge");
        assertThat(refundsOf(declined)).isZero();
    }

    @Test
    void aRefundWithoutAChargeOrKeyIs400() {
        assertThat(api().refund(newKey(), "").errorParam()).isEqualTo("charge");
        assertThat(api().refund(null, capture(100)).status()).isEqualTo(400);
    }

    @Test
    void theLedgerItselfRefusesASecondRefundOfAChargeAndASecondChargeForAKey() {
        // given: a charge and its refund
        String key = newKey();
        String charge = api().charge(key, 900, "tok_ok").body().get("id").asString();
        api().refund(newKey(), charge);

        // when / then: written past the API, the database's constraints still say no
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO refunds (id, charge_id, idempotency_key, amount, currency, status, created)
                VALUES (:id, :charge, :key, 900, 'EUR', 'succeeded', now())""")
                .param("id", "re_" + UUID.randomUUID()).param("charge", charge).param("key", newKey()).update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO charges (id, idempotency_key, amount, currency, source, status, created)
                VALUES (:id, :key, 900, 'EUR', 'tok_ok', 'succeeded', now())""")
                .param("id", "ch_" + UUID.randomUUID()).param("key", key).update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(refundsOf(charge)).isOne();
        assertThat(chargesWithKey(key)).isOne();
    }

    private String capture(long amount) {
        Answer charge = api().charge(newKey(), amount, "tok_ok");
        assertThat(charge.status()).isEqualTo(201);
        return charge.body().get("id").asString();
    }
}

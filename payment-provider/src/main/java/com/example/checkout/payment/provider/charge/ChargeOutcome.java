package com.example.checkout.payment.provider.charge;

import java.time.Duration;

/**
 * What a {@code POST /v1/charges} did: a new charge, or the replay of the one its key made before; and how long the
 * answer waits (already committed) — only a new {@code tok_slow} charge waits.
 */
record ChargeOutcome(Charge charge, boolean replayed, Duration answerAfter) {
}

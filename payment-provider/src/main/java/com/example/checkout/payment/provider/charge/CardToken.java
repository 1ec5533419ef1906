package com.example.checkout.payment.provider.charge;

import java.util.Arrays;

/** The test tokens a charge's {@code source} can name, as real providers offer them; any other token is declined. */
enum CardToken {

    APPROVED("tok_ok"),
    DECLINED("tok_declined"),
    /** Approved, but answered only after {@link PaymentProviderProperties#slowDelay()}. */
    SLOW("tok_slow"),
    /** The provider is down for this request: 503, nothing stored. */
    UNAVAILABLE("tok_unavailable");

    private final String source;

    CardToken(String source) {
        this.source = source;
    }

    static CardToken of(String source) {
        return Arrays.stream(values()).filter(token -> token.source.equals(source)).findFirst().orElse(DECLINED);
    }

    boolean approves() {
        return this == APPROVED || this == SLOW;
    }
}

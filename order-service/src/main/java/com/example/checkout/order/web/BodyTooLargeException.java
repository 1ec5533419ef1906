package com.example.checkout.order.web;

import java.io.IOException;

/**
 * A request body without a declared length turned out longer than the limit while it was read. An
 * {@link IOException}, so it travels through the JSON reader to the error handler, which answers {@code 413}.
 */
public class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}

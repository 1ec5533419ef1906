package com.example.checkout.consumer.deadletter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /dlt}.
 *
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last one
 */
public record DeadLetterPage(List<DeadLetter> items, @Nullable Long nextCursor) {
}

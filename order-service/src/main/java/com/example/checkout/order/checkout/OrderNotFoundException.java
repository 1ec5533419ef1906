package com.example.checkout.order.checkout;

import java.util.UUID;

/** No order has this id. */
class OrderNotFoundException extends RuntimeException {

    OrderNotFoundException(UUID orderId) {
        super("no order " + orderId);
    }
}

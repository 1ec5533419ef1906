/** Charging the shopper: the payment gateway port, its simulated adapter and the record of each payment. */
package com.example.checkout.order.payment;

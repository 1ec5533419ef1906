/** The order confirmation email: written, sent once per order, logged. */
package com.example.checkout.email.confirmation;

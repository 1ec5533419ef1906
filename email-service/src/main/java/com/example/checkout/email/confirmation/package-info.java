/** The order confirmation email, sent once per order (never after its cancellation), and the log of sent emails. */
package com.example.checkout.email.confirmation;

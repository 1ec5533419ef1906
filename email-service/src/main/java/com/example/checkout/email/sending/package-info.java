/** Sending an order's email once: logged in the event's transaction, then sent with a deterministic Message-ID. */
package com.example.checkout.email.sending;

/** Consumer mechanics written once: idempotent processing, per-group retry topics and DLT, metrics. */
package com.example.checkout.consumer;

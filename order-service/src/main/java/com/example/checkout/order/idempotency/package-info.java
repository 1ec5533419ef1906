/** Idempotency-Key support: remembers each key's request and response so a retried request is answered, not repeated. */
package com.example.checkout.order.idempotency;

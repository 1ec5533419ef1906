/** Inventory's transactional outbox: outcome events written in the reservation's transaction, streamed by the relay. */
package com.example.checkout.inventory.outbox;

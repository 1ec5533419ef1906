/** Reserving stock for a placed order: all lines or none. */
package com.example.checkout.inventory.reservation;

/** The group's dead letters: parked from its DLT, listed and replayed to this group only. */
package com.example.checkout.consumer.deadletter;

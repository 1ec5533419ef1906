/**
 * The chaos run: every service its own process from its exec jar, a stream of checkouts through a schedule of
 * crashes and outages, then the books of every order; one harness for the system test and the demo's scenario.
 */
package com.example.checkout.chaos;

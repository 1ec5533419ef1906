/** The load benchmark of the whole system: open-loop checkouts against the demo run as its own process. */
package com.example.checkout.benchmark;

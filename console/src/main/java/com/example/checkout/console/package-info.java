/** The web console; one package per page: overview, journey, shop, deadletter, faults; system holds the services' addresses. */
package com.example.checkout.console;

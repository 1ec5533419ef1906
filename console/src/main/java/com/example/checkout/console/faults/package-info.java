/**
 * "Break it": the local demo's fault switches and its scenarios (email outage, sold out), driven from the console.
 * They exist only in the demo launcher, never in a service; where nothing answers on the launcher's address, this
 * part of the console stays hidden.
 */
package com.example.checkout.console.faults;

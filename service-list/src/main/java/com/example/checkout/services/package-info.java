/**
 * The one list of the system's services — name, port, database, database role — read by the demo, the tests and
 * the deployment checks.
 */
package com.example.checkout.services;

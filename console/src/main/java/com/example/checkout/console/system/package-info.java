/** Where the services are and how the console talks to them: their base URLs, timeouts and admin credentials. */
package com.example.checkout.console.system;

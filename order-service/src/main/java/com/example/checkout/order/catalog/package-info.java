/** The products the shop sells and their prices: checkout prices every line from here, never from the request. */
package com.example.checkout.order.catalog;

/** Place an order from the console, as a shopper would: the catalog and the checkout are order-service's own API. */
package com.example.checkout.console.shop;

/** The checkout use case and the order API: POST /checkout, GET /orders/{id}, and how their failures look over HTTP. */
package com.example.checkout.order.checkout;

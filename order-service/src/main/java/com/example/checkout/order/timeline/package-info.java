/** An order's timeline: placed, stock reserved or rejected, refunded, confirmed or cancelled, each with its time. */
package com.example.checkout.order.timeline;

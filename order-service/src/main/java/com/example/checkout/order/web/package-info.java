/** HTTP concerns below the controllers: the request body limit and problem+json for errors outside any controller. */
package com.example.checkout.order.web;

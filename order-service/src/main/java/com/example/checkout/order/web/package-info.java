/** HTTP concerns below the controllers: body limit, strict JSON reading, and problem+json where no controller advice reaches. */
package com.example.checkout.order.web;

/** Stock on hand per SKU. */
package com.example.checkout.inventory.stock;

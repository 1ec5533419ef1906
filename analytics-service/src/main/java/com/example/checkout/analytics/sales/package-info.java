/** Orders and revenue per day, units and revenue per SKU. */
package com.example.checkout.analytics.sales;

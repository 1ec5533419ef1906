package com.example.checkout.order.catalog;

/** A product of the catalog with its current unit price, in cents of {@link Catalog#CURRENCY}. */
public record Product(String sku, String name, long unitPriceCents) {
}

package com.example.checkout.inventory.stock;

/** {@code GET /stock/{sku}}. */
public record StockLevel(String sku, int available) {
}

package com.example.checkout.order.catalog;

import java.util.List;

/** The order asks for SKUs the catalog does not sell. */
public class UnknownSkuException extends RuntimeException {

    private final List<String> skus;

    UnknownSkuException(List<String> skus) {
        super("unknown SKU: " + String.join(", ", skus));
        this.skus = List.copyOf(skus);
    }

    public List<String> skus() {
        return skus;
    }
}

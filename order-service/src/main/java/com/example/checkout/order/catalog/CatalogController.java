package com.example.checkout.order.catalog;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /catalog}: what the shop sells and at what price, read-only (the console's checkout form shows it). */
@RestController
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/catalog")
    List<Product> products() {
        return catalog.all();
    }
}

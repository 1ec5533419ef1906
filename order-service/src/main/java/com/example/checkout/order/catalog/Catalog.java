package com.example.checkout.order.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads products and prices from the {@code products} table. */
@Repository
public class Catalog {

    /** The one currency the shop sells in; every price of the catalog is in it. */
    public static final String CURRENCY = "EUR";

    private final JdbcClient database;

    Catalog(JdbcClient database) {
        this.database = database;
    }

    /** Every product, by SKU. */
    public List<Product> all() {
        return database.sql("SELECT sku, name, unit_price_cents FROM products ORDER BY sku").query(Product.class).list();
    }

    /**
     * The products for {@code skus}, in the order asked for.
     *
     * @throws UnknownSkuException naming every SKU the catalog does not have
     */
    public List<Product> priceAll(Collection<String> skus) {
        Map<String, Product> found = database.sql("""
                        SELECT sku, name, unit_price_cents FROM products WHERE sku = ANY (:skus)""")
                .param("skus", skus.toArray(String[]::new))
                .query(Product.class)
                // A list, not a stream: outside a transaction an unclosed stream keeps its pooled connection.
                .list().stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
        List<String> unknown = skus.stream().filter(sku -> !found.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkuException(unknown);
        }
        List<Product> products = new ArrayList<>(skus.size());
        skus.forEach(sku -> products.add(found.get(sku)));
        return products;
    }
}

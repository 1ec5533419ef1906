package com.example.checkout.demo;

/**
 * The login of the services' admin endpoints ({@code /dlt/**}) for this demo: {@code CHECKOUT_ADMIN_USERNAME} and
 * {@code CHECKOUT_ADMIN_PASSWORD} from the environment, else the services' defaults. Every service and the console
 * get it explicitly, so they agree whatever the environment says; the banner prints it.
 */
record AdminLogin(String username, String password) {

    static AdminLogin fromEnvironment() {
        return new AdminLogin(orDefault(System.getenv("CHECKOUT_ADMIN_USERNAME"), "admin"),
                orDefault(System.getenv("CHECKOUT_ADMIN_PASSWORD"), "checkout-admin"));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

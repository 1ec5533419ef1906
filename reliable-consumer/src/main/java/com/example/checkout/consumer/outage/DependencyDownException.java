package com.example.checkout.consumer.outage;

/**
 * A record that failed because a dependency is down. The group's error handler retries it in place, without limit
 * (the containers are paused meanwhile), so it never goes to a retry topic or the DLT.
 */
public class DependencyDownException extends RuntimeException {

    public DependencyDownException(String dependency, Throwable cause) {
        super(dependency + " is down: " + cause.getMessage(), cause);
    }
}

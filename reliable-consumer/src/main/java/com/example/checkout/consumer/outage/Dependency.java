package com.example.checkout.consumer.outage;

/**
 * Something every record of the group needs (the database, an SMTP server). A failure it explains is no fault of the
 * record: retrying the record elsewhere cannot help while the dependency is down, so the group pauses instead.
 * The library registers the database; a service adds a bean of its own for its other downstreams.
 */
public interface Dependency {

    /** For logs and metrics: "database", "smtp". */
    String name();

    /** Whether this failure (or a cause of it) says the dependency cannot be reached, not that this record is bad. */
    boolean isDown(Throwable failure);

    /** Returns when the dependency answers again; throws while it is still down. */
    void probe() throws Exception;

    /** Whether the failure or one of its causes is an instance of one of the types. */
    static boolean causedBy(Throwable failure, Class<?>... types) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}

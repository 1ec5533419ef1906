/** Tables that would only grow, kept to a window: deleted in short batches by a scheduled job. */
package com.example.checkout.consumer.retention;

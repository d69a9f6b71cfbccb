package io.gantry.tracking;

/**
 * A write a tracking backend could not do. Retryable failures (the server is unreachable or
 * overloaded) are tried again until they succeed; the others are reported and dropped.
 */
public class TrackingWriteException extends RuntimeException {
    private final boolean retryable;

    public TrackingWriteException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

package io.gantry.tracking;

/** The tracking backend cannot be used at all (server unreachable at start, folder unwritable). */
public class TrackingUnavailableException extends RuntimeException {
    public TrackingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

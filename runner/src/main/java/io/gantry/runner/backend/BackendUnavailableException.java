package io.gantry.runner.backend;

/** ND4J cannot run as asked on this machine; the message says what is missing and what to do. */
public final class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }
}

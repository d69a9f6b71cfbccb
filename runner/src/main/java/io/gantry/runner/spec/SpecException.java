package io.gantry.runner.spec;

/**
 * A spec the user must fix. The message is one line: {@code file:line:column: key: what is wrong}.
 */
public class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}

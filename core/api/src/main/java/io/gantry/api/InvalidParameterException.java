package io.gantry.api;

/**
 * A parameter map that a component rejected. {@link #key()} is the offending key relative to the
 * component block, so the caller can point at the file and line it came from.
 */
public class InvalidParameterException extends RuntimeException {
    private final String key;

    public InvalidParameterException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

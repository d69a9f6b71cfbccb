package io.gantry.runner.backend;

import java.util.Locale;
import java.util.Map;

/** Which ND4J backend the user asked for: {@code GANTRY_BACKEND=auto|cpu|gpu}, auto when unset. */
public enum BackendRequest {
    /** The GPU where it works, else the CPU with a one-line notice. */
    AUTO,
    CPU,
    /** The GPU or nothing: a machine without one is an error naming what is missing. */
    GPU;

    public static final String VARIABLE = "GANTRY_BACKEND";

    public static BackendRequest from(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException(VARIABLE + "=" + value + " is not a backend; allowed: auto, cpu, gpu");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

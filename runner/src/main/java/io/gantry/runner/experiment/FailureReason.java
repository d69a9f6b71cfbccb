package io.gantry.runner.experiment;

/** What a failed run's {@code gantry.error} tag and last line say about the exception that ended it. */
final class FailureReason {
    private FailureReason() {
    }

    static String of(Throwable e) {
        if (e instanceof LinkageError) {
            // NoClassDefFoundError's own message is only the class's internal name
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " could not be loaded: a plugin's jar lacks a "
                    + "class it needs (bundle that dependency, or use the host's), or was built against another "
                    + "version of it";
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}

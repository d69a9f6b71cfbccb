package io.gantry.tracking;

/** MLflow's run states, with the numbers of its RunStatus enum (used by the file store). */
public enum RunStatus {
    RUNNING(1), FINISHED(3), FAILED(4), KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state with MLflow's number {@code code}; SCHEDULED (2), which Gantry never writes, reads as RUNNING. */
    public static RunStatus ofCode(int code) {
        for (RunStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return RUNNING;
    }
}

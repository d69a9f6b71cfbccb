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
}

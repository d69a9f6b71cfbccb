package io.gantry.tracking;

import java.util.Map;

/** A place runs are recorded: a local MLflow file store or an MLflow server. */
public interface Tracker {

    /** Creates the experiment when it does not exist, then a RUNNING run in it. */
    TrackingRun startRun(String experimentName, String runName, Map<String, String> tags);

    /** Sets an existing run back to RUNNING so a resumed training continues it. */
    ReopenedRun reopenRun(String runId);

    /** The tracking URI that selects this tracker again (a folder or an http(s) address). */
    String uri();

    /** Human-readable description of where runs go. */
    String describe();
}

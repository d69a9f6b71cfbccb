package io.gantry.tracking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A place runs are recorded: a local MLflow file store or an MLflow server. */
public interface Tracker {

    /** Creates the experiment when it does not exist, then a RUNNING run in it. */
    TrackingRun startRun(String experimentName, String runName, Map<String, String> tags);

    /** Sets an existing run back to RUNNING so a resumed training continues it. */
    ReopenedRun reopenRun(String runId);

    /**
     * A handle that writes to an existing run and leaves its status as it is: another process's run,
     * such as the parent of a sweep whose trials run elsewhere.
     */
    TrackingRun attachRun(String runId);

    /** A run as stored now. */
    RunSummary runSummary(String runId);

    /**
     * Sets tags on a run at once, not through a write queue: values that other processes (a sweep's
     * other trials) read to decide, and must see before this call returns.
     */
    void setTagsNow(String runId, Map<String, String> tags);

    /** Every run whose {@code mlflow.parentRunId} is {@code parentRunId}, as stored now, ordered by run id. */
    List<RunSummary> childRuns(String parentRunId);

    /** The tags of every run whose {@code mlflow.parentRunId} is {@code parentRunId}, by run id, as stored now. */
    default Map<String, Map<String, String>> childRunTags(String parentRunId) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        childRuns(parentRunId).forEach(r -> out.put(r.runId(), r.tags()));
        return out;
    }

    /** The tags of every RUNNING run of an experiment, by run id; empty when there is no such experiment. */
    Map<String, Map<String, String>> runningRuns(String experimentName);

    /** Ends a run at once (not through a write queue), as another process's run that was left RUNNING. */
    void endRunNow(String runId, RunStatus status);

    /** The bytes of one of a run's artifacts ({@code models/generator.zip}); empty when the run has none there. */
    java.util.Optional<byte[]> readArtifact(String runId, String path);

    /** Whether a run has an artifact file at {@code path}, without downloading it. */
    boolean hasArtifact(String runId, String path);

    /**
     * Makes a run's artifact folder a new version of a model in the Model Registry, creating the model
     * when it is new.
     */
    ModelVersion registerModel(String name, String runId, String artifactFolder);

    /** A registered model's version, or its newest for {@code "latest"}. */
    ModelVersion modelVersion(String name, String version);

    /** The tracking URI that selects this tracker again (a folder or an http(s) address). */
    String uri();

    /** Human-readable description of where runs go. */
    String describe();
}

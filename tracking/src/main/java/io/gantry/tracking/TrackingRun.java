package io.gantry.tracking;

import java.util.List;
import java.util.Map;

/** One MLflow run being written. */
public interface TrackingRun {

    String runId();

    /** Where a person finds the run (a folder or a URL), for messages. */
    String location();

    void logParams(Map<String, String> params);

    void setTags(Map<String, String> tags);

    void logMetrics(List<Metric> metrics);

    /** Stores {@code content} at {@code path} under the run's artifacts. */
    void logArtifact(String path, byte[] content);

    /**
     * Logs a PNG so MLflow's image views show it per step and across runs: the artifact naming of
     * Python's {@code mlflow.log_image(key=..., step=...)} plus the run tag it sets. The names are
     * fixed here, once, so a write retried after an outage overwrites rather than duplicates.
     */
    default void logImage(String key, long step, byte[] png) {
        String[] paths = ImageArtifacts.paths(key, step, System.currentTimeMillis());
        logArtifact(paths[0], png);
        logArtifact(paths[1], Thumbnail.webp(png));
        setTags(Map.of(ImageArtifacts.LOGGED_IMAGES_TAG, "True"));
    }

    /** Ends the run; for an asynchronous run, after everything queued is written. */
    void end(RunStatus status);
}

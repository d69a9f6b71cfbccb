package io.gantry.runner.experiment;

import io.gantry.tracking.TrackingRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the run's generator as it was at the evaluation where one metric was best ({@code
 * evaluation.best_metric}), in the artifact folder {@code best/}: GANs often get worse late, and the
 * generator a user registers should be the one the metric liked. The value and step are tags, so a
 * resumed run goes on comparing with them.
 */
final class BestGenerator {
    static final String FOLDER = "best";
    static final String TAG_METRIC = "gantry.best.metric";
    static final String TAG_VALUE = "gantry.best.value";
    static final String TAG_STEP = "gantry.best.step";

    private final String metric;
    private final boolean minimise;
    private final TrackingRun run;
    private Double best;

    /**
     * @param previousTags the run's tags when it is resumed (empty for a new run): the best so far. A best
     *     recorded after the checkpoint is reached again by the exact replay, with the same value.
     */
    BestGenerator(String metric, boolean minimise, TrackingRun run, Map<String, String> previousTags) {
        this.metric = metric;
        this.minimise = minimise;
        this.run = run;
        if (metric.equals(previousTags.get(TAG_METRIC)) && previousTags.containsKey(TAG_VALUE)) {
            best = Double.parseDouble(previousTags.get(TAG_VALUE));
        }
    }

    /**
     * After an evaluation: when {@code values} holds a better value of the metric, writes {@code models}
     * (artifact file name to bytes) to {@code best/} and records the value and step.
     */
    void consider(long step, Map<String, Double> values, Supplier<Map<String, byte[]>> models) {
        Double v = values.get(metric);
        if (v == null || v.isNaN() || (best != null && !(minimise ? v < best : v > best))) {
            return;
        }
        best = v;
        models.get().forEach((file, bytes) -> run.logArtifact(FOLDER + "/" + file, bytes));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_METRIC, metric);
        tags.put(TAG_VALUE, Double.toString(v));
        tags.put(TAG_STEP, Long.toString(step));
        run.setTags(tags);
    }
}

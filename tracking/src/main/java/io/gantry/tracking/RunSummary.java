package io.gantry.tracking;

import java.util.Map;

/**
 * A run as the store holds it now: what a table of a sweep's trials shows.
 *
 * @param metrics the newest value of each metric
 * @param lastStep the highest step any metric was logged at (0: none yet)
 */
public record RunSummary(String runId, String runName, RunStatus status, Map<String, String> tags,
                         Map<String, Double> metrics, long lastStep) {
}

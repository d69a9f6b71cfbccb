package io.gantry.runner.experiment;

import io.gantry.tracking.RunStatus;
import java.util.Map;

/**
 * How a run ended and where to find it.
 *
 * @param summary final and best losses (see LossSummary)
 */
public record RunOutcome(String runId, RunStatus status, String location, long steps, String error,
                         Map<String, Double> summary) {
}

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

    /** The newest quality metrics in words ("fcd 31.1 (real 0.428), ..."); empty when none were evaluated. */
    public String qualitySummary() {
        return QualityEvaluator.summary(summary);
    }

    /** How a person opens this run in MLflow's UI: its URL on a server, the command for a file store. */
    public String howToOpen() {
        if (location == null || location.isEmpty()) {
            return "";
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return location;
        }
        java.nio.file.Path root = java.nio.file.Path.of(location).getParent().getParent();
        return "MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + root + "   (then http://127.0.0.1:5000)";
    }
}

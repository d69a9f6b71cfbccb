package io.gantry.runner.spec;

import java.util.Map;
import java.util.Optional;

/** Whether lower or higher is better for the built-in quality metrics, so specs may leave {@code mode} out. */
public final class MetricDirection {
    private static final Map<String, Boolean> MINIMISED = Map.of("fcd", true, "class_fcd", true, "class_kl", true,
            "classifier_score", false, "classes_covered", false, "precision", false, "recall", false,
            "conditional_accuracy", false);

    private MetricDirection() {
    }

    /** True when lower is better; empty for a metric Gantry does not know (a plugin's). */
    public static Optional<Boolean> minimised(String metric) {
        return Optional.ofNullable(MINIMISED.get(metric));
    }
}

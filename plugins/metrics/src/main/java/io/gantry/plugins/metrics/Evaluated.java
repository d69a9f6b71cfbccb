package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricRunContext;
import io.gantry.plugins.metrics.ReferenceClassifier.Classified;

/**
 * What the metrics of one evaluation share: the dataset's reference (loaded or trained once per
 * run) and the generated images run through its classifier (once per evaluation).
 */
final class Evaluated {
    private Evaluated() {
    }

    static Reference reference(MetricRunContext context) {
        return context.perRun("gantry-metrics.reference", () -> ClassifierCache.load(context.data(),
                context.cacheDir()));
    }

    static Classified generated(EvaluationContext context) {
        return context.perEvaluation("gantry-metrics.generated", () -> reference(context).classifier()
                .classify(context.generated()));
    }

    /** Whatever a metric makes of the real data, computed once per run. */
    static <T> T realOnce(MetricRunContext context, String key, java.util.function.Supplier<T> compute) {
        return context.perRun("gantry-metrics.real." + key, compute);
    }
}

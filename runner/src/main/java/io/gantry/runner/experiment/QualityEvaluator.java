package io.gantry.runner.experiment;

import io.gantry.api.EvaluationContext;
import io.gantry.api.LabelledData;
import io.gantry.api.MetricRunContext;
import io.gantry.api.MetricValues;
import io.gantry.api.PixelRange;
import io.gantry.api.QualityMetric;
import io.gantry.engine.GeneratorEvaluator;
import io.gantry.runner.plugin.ComponentRegistry.Resolved;
import io.gantry.tracking.Metric;
import io.gantry.tracking.TrackingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a run's quality metrics on freshly generated images and logs what they give: their numbers
 * as metrics at the step, their images as MLflow images, and the evaluation's duration. A metric
 * that throws is reported (log and the tag {@code gantry.evaluation.error}) without ending the run:
 * training and the other metrics are worth more than one number.
 */
final class QualityEvaluator implements GeneratorEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(QualityEvaluator.class);
    private final List<Resolved<QualityMetric>> metrics;
    private final MetricRunContext runContext;
    private final PixelRange range;
    private final int samples;
    private final TrackingRun run;
    private final Map<String, Double> latest = new TreeMap<>();
    private long evaluatedStep = -1;
    private Map<String, Double> evaluatedValues = Map.of();

    QualityEvaluator(List<Resolved<QualityMetric>> metrics, LabelledData data, Path cacheDir, PixelRange range,
                     int samples, TrackingRun run) {
        this.metrics = metrics;
        this.runContext = MetricRunContext.of(data, cacheDir);
        this.range = range;
        this.samples = samples;
        this.run = run;
    }

    /** Lets every metric set itself up (a classifier trained on first use) before training starts. */
    void prepare() {
        for (Resolved<QualityMetric> m : metrics) {
            m.component().prepare(m.params(), runContext);
        }
    }

    /** The values of the newest evaluation, by metric name. */
    Map<String, Double> latest() {
        return Map.copyOf(latest);
    }

    /** What the evaluation at {@code step} gave (empty if none ran there); a metric that failed is absent. */
    Map<String, Double> valuesAt(long step) {
        return step == evaluatedStep ? evaluatedValues : Map.of();
    }

    @Override
    public void evaluate(long step, ImageGenerator generator) {
        long start = System.nanoTime();
        INDArray images = generator.generate(samples);
        // Metrics see [0, 1] whatever the generator's range; out-of-range pixels are clipped as a PNG would.
        INDArray unit = Transforms.min(Transforms.max(images.sub(range.low()).divi(range.high() - range.low()), 0.0,
                false), 1.0, false);
        EvaluationContext context = EvaluationContext.of(runContext, step, unit, generator.classes(samples));
        Map<String, Double> values = new LinkedHashMap<>();
        for (Resolved<QualityMetric> m : metrics) {
            MetricValues v;
            try {
                v = m.component().evaluate(m.params(), context);
            } catch (RuntimeException e) {
                String message = "quality metric '" + m.spec().type() + "' failed at step " + step + ": " + e;
                LOG.warn(message, e);
                run.setTags(Map.of("gantry.evaluation.error", message));
                continue;
            }
            values.putAll(v.values());
            v.images().forEach((key, image) -> run.logImage(key, step, PngBytes.of(image)));
            // ND4J frees a metric's off-heap temporaries when a collection finds them, and with JavaCPP's
            // memory check off (Backend) nothing else asks for one: without this, 10,000 images took the
            // quickstart's peak from 0.45 GB to 2-5 GB, depending on when the collector happened to run.
            System.gc();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        latest.putAll(values);
        evaluatedStep = step;
        evaluatedValues = Map.copyOf(values);
        values.put("evaluation_seconds", seconds);
        run.logMetrics(Metric.atStep(values, step, System.currentTimeMillis()));
        LOG.info("step {}: {} ({} samples, {} s)", step, summary(latest), samples, String.format("%.1f", seconds));
    }

    static String summary(Map<String, Double> values) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("fcd", "conditional_accuracy", "class_fcd", "classifier_score", "classes_covered",
                "class_kl", "precision", "recall")) {
            Double v = values.get(name);
            if (v != null) {
                out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(format(v));
                Double real = values.get("real_" + name);
                if (real != null) {
                    out.append(" (real ").append(format(real)).append(')');
                }
            }
        }
        return out.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format("%.3g", v);
    }
}

package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricValues;
import io.gantry.api.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * How well a class-conditional generator makes the class it is asked for: the share of its images the
 * reference classifier puts in the asked class ({@code conditional_accuracy}; a perfect generator gets
 * about the classifier's own test accuracy, chance is 1/K), and per class the Fréchet distance between
 * the features of the images asked for that class and the real test images of that class
 * ({@code class_fcd_k}, and their mean {@code class_fcd}).
 */
@Extension
public class ConditionalMetric extends ReferenceClassifierMetric {

    @Override
    public String name() {
        return "conditional";
    }

    @Override
    public String description() {
        return "conditional_accuracy (the reference classifier agrees with the asked class) and class_fcd (mean of "
                + "the per-class fcd, class_fcd_k); for runs with conditioning";
    }

    @Override
    public boolean needsConditioning() {
        return true;
    }

    @Override
    public List<String> metricNames() {
        return List.of("conditional_accuracy", "class_fcd");
    }

    @Override
    public MetricValues evaluate(Params params, EvaluationContext context) {
        int[] asked = context.askedClasses().orElseThrow(() -> new IllegalArgumentException("quality metric "
                + "'conditional' judges a class-conditional run; this run has no conditioning"));
        Reference reference = Evaluated.reference(context);
        ReferenceClassifier.Classified generated = Evaluated.generated(context);
        int[] predicted = generated.predictedClasses();
        int agree = 0;
        for (int i = 0; i < asked.length; i++) {
            agree += predicted[i] == asked[i] ? 1 : 0;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("conditional_accuracy", (double) agree / asked.length);
        int[] testLabels = context.data().test().labels().orElseThrow();
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < reference.classes(); k++) {
            INDArray fake = rowsOf(generated.features(), asked, k);
            if (fake == null || fake.size(0) < 2) {
                continue;
            }
            int cls = k;
            FrechetDistance real = context.perRun("gantry-metrics.class-frechet." + k, () -> {
                INDArray f = rowsOf(reference.test().features(), testLabels, cls).castTo(
                        org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                INDArray mean = f.mean(0);
                INDArray centred = f.subRowVector(mean);
                return new FrechetDistance(mean.toDoubleVector(),
                        centred.transpose().mmul(centred).divi(f.size(0) - 1).toDoubleMatrix());
            });
            double d = real.to(fake);
            values.put("class_fcd_" + k, d);
            sum += d;
            classes++;
        }
        if (classes > 0) {
            values.put("class_fcd", sum / classes);
        }
        return MetricValues.of(values);
    }

    /** The rows of {@code features} whose label is {@code k}; null when there are none. */
    static INDArray rowsOf(INDArray features, int[] labels, int k) {
        int n = 0;
        for (int y : labels) {
            n += y == k ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        long[] rows = new long[n];
        for (int i = 0, j = 0; i < labels.length; i++) {
            if (labels[i] == k) {
                rows[j++] = i;
            }
        }
        return features.getRows(java.util.Arrays.stream(rows).mapToInt(r -> (int) r).toArray());
    }
}

package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricValues;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Mode collapse in two numbers and a picture: how many classes the reference classifier finds in
 * at least {@code min_share} of the generated images, the KL divergence of the generated class
 * histogram from the real (training) one, and both histograms as a bar chart.
 */
@Extension
public class ClassCoverageMetric extends ReferenceClassifierMetric {

    @Override
    public String name() {
        return "class-coverage";
    }

    @Override
    public String description() {
        return "classes_covered (classes with at least min_share of the samples), class_kl = KL(generated || real"
                + " class histogram), and the histogram as an image";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("min_share", 0.02, 0.0, 1.0, "share of the generated images a class needs to count as covered"
                        + " (0.02: a fifth of an even share among 10 classes)")
                .build();
    }

    @Override
    public List<String> metricNames() {
        return List.of("classes_covered", "class_kl", "real_classes_covered", "real_class_kl");
    }

    @Override
    public MetricValues evaluate(Params params, EvaluationContext context) {
        double minShare = params.getDouble("min_share");
        Reference reference = Evaluated.reference(context);
        double[] real = reference.trainClassShares();
        double[] generated = shares(Evaluated.generated(context).predictedClasses(), reference.classes());
        double[] test = Evaluated.realOnce(context, "class-shares",
                () -> shares(reference.test().predictedClasses(), reference.classes()));
        return new MetricValues(Map.of("classes_covered", (double) covered(generated, minShare),
                "class_kl", kl(generated, real), "real_classes_covered", (double) covered(test, minShare),
                "real_class_kl", kl(test, real)),
                Map.of("class_histogram", ClassHistogramImage.render(generated, real)));
    }

    static double[] shares(int[] classes, int count) {
        return ClassifierCache.classShares(classes, count);
    }

    static int covered(double[] shares, double minShare) {
        int n = 0;
        for (double s : shares) {
            if (s >= minShare && s > 0) {
                n++;
            }
        }
        return n;
    }

    /** KL(p || q); q (the real shares) is positive for every class of a labelled dataset. */
    static double kl(double[] p, double[] q) {
        double kl = 0;
        for (int c = 0; c < p.length; c++) {
            if (p[c] > 0) {
                kl += p[c] * Math.log(p[c] / Math.max(q[c], 1e-12));
            }
        }
        return kl;
    }
}

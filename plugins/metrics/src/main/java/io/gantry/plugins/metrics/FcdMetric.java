package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricValues;
import io.gantry.api.Params;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Fréchet classifier distance: the Fréchet distance between the Gaussians of real (whole training
 * split) and generated features of the reference classifier, as TF-GAN's mnist_frechet_distance.
 */
@Extension
public class FcdMetric extends ReferenceClassifierMetric {

    @Override
    public String name() {
        return "fcd";
    }

    @Override
    public String description() {
        return "Fréchet distance of generated to real classifier features (MNIST's FID; lower is better)";
    }

    @Override
    public List<String> metricNames() {
        return List.of("fcd", "real_fcd", "classifier_test_accuracy");
    }

    @Override
    public MetricValues evaluate(Params params, EvaluationContext context) {
        Reference reference = Evaluated.reference(context);
        FrechetDistance distance = context.perRun("gantry-metrics.frechet",
                () -> new FrechetDistance(reference.trainMean(), reference.trainCovariance()));
        double real = Evaluated.realOnce(context, "fcd", () -> distance.to(reference.test().features()));
        return MetricValues.of(Map.of("fcd", distance.to(Evaluated.generated(context).features()),
                "real_fcd", real, "classifier_test_accuracy", reference.testAccuracy()));
    }
}

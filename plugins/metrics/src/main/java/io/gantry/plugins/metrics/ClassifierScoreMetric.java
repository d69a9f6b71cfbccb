package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricValues;
import io.gantry.api.Params;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * exp(E_x[KL(p(y|x) || p(y))]) over the generated images, p from the reference classifier: high
 * when each image is clearly one class and the classes are spread evenly (TF-GAN's mnist_score; at
 * most the number of classes).
 */
@Extension
public class ClassifierScoreMetric extends ReferenceClassifierMetric {
    private static final double EPS = 1e-12;

    @Override
    public String name() {
        return "classifier-score";
    }

    @Override
    public String description() {
        return "classifier_score = exp(E[KL(p(y|x) || p(y))]) (MNIST's Inception Score; at most the class count)";
    }

    @Override
    public List<String> metricNames() {
        return List.of("classifier_score", "real_classifier_score");
    }

    @Override
    public MetricValues evaluate(Params params, EvaluationContext context) {
        Reference reference = Evaluated.reference(context);
        double real = Evaluated.realOnce(context, "classifier_score",
                () -> score(reference.test().probabilities()));
        return MetricValues.of(Map.of("classifier_score", score(Evaluated.generated(context).probabilities()),
                "real_classifier_score", real));
    }

    static double score(INDArray probabilities) {
        double[][] p = probabilities.toDoubleMatrix();
        int classes = p[0].length;
        double[] marginal = new double[classes];
        for (double[] row : p) {
            for (int c = 0; c < classes; c++) {
                marginal[c] += row[c] / p.length;
            }
        }
        double kl = 0;
        for (double[] row : p) {
            for (int c = 0; c < classes; c++) {
                if (row[c] > 0) {
                    kl += row[c] * (Math.log(row[c] + EPS) - Math.log(marginal[c] + EPS));
                }
            }
        }
        return Math.exp(kl / p.length);
    }
}

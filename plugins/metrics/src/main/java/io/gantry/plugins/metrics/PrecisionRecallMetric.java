package io.gantry.plugins.metrics;

import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricValues;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pf4j.Extension;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) in the reference classifier's feature
 * space: precision is the share of generated images inside the real k-NN manifold (are they
 * realistic?), recall the share of real images inside the generated one (is all of the data covered?).
 * Both sides use the same number of points: the generated count, at most 10,000 real ones.
 * Features are scaled to unit length first: this classifier's features of junk images lie near the
 * origin, which the wide balls of a few real outliers cover, so raw features call noise "precise".
 */
@Extension
public class PrecisionRecallMetric extends ReferenceClassifierMetric {

    @Override
    public String name() {
        return "precision-recall";
    }

    @Override
    public String description() {
        return "precision and recall of the generated distribution (k-NN manifolds in classifier feature space)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("k", 3, 1, 100, "neighbour whose distance is a point's radius (the paper uses 3)")
                .build();
    }

    @Override
    public List<String> metricNames() {
        return List.of("precision", "recall", "real_precision", "real_recall");
    }

    @Override
    public MetricValues evaluate(Params params, EvaluationContext context) {
        int k = params.getInt("k");
        Reference reference = Evaluated.reference(context);
        INDArray generated = Evaluated.generated(context).features();
        int n = (int) Math.min(generated.size(0), reference.trainSubsetFeatures().size(0));
        // The real manifold depends only on k and n: built once per run, used by ours and the reference.
        KnnManifold real = Evaluated.realOnce(context, "manifold-" + k + "-" + n,
                () -> new KnnManifold(unitLength(first(reference.trainSubsetFeatures(), n)), k));
        double[] ours = precisionRecall(real, unitLength(first(generated, n)), k);
        double[] theirs = Evaluated.realOnce(context, "precision-recall-" + k + "-" + n,
                () -> precisionRecall(real, unitLength(first(reference.test().features(), n)), k));
        return MetricValues.of(Map.of("precision", ours[0], "recall", ours[1], "real_precision", theirs[0],
                "real_recall", theirs[1]));
    }

    /** {precision, recall} of unit-length generated features against the real manifold. */
    static double[] precisionRecall(KnnManifold real, INDArray generated, int k) {
        return new double[] {real.coverage(generated), new KnnManifold(generated, k).coverage(real.points())};
    }

    static INDArray unitLength(INDArray rows) {
        INDArray norms = rows.norm2(1).reshape(rows.size(0), 1).addi(1e-6);
        return rows.divColumnVector(norms);
    }

    private static INDArray first(INDArray rows, int n) {
        return rows.size(0) == n ? rows : rows.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }
}

package io.gantry.plugins.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.DatasetContext;
import io.gantry.api.LabelledData;
import io.gantry.api.EvaluationContext;
import io.gantry.api.MetricRunContext;
import io.gantry.api.MetricValues;
import io.gantry.api.PixelRange;
import io.gantry.api.QualityMetric;
import io.gantry.plugins.datasets.MnistDataset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The metrics on real MNIST (installed into the repository's data folder as a run would), with the
 * reference classifier trained there once and reused by later runs and tests.
 */
class MetricsOnMnistTest {
    private static final Path DATA = Path.of(System.getProperty("gantry.data.dir", "../../data"));
    private static final List<QualityMetric> METRICS = List.of(new FcdMetric(), new ClassifierScoreMetric(),
            new ClassCoverageMetric(), new PrecisionRecallMetric());
    /** One run for all tests: the classifier and the real-data statistics are computed once. */
    private static MetricRunContext run;

    @BeforeAll
    static void load() {
        MnistDataset dataset = new MnistDataset();
        LabelledData mnist = dataset.openLabelled(dataset.parameters().bind(Map.of()),
                new DatasetContext(DATA, PixelRange.UNIT)).orElseThrow();
        run = MetricRunContext.of(mnist, DATA.resolve("classifiers"));
    }

    private static Map<String, Double> evaluate(INDArray generated) {
        EvaluationContext context = EvaluationContext.of(run, 1, generated);
        Map<String, Double> values = new HashMap<>();
        for (QualityMetric metric : METRICS) {
            MetricValues v = metric.evaluate(metric.parameters().bind(Map.of()), context);
            assertThat(metric.metricNames()).containsAll(v.values().keySet());
            values.putAll(v.values());
        }
        return values;
    }

    private static INDArray trainImages(int[] indices) {
        return run.data().train().batch(indices);
    }

    @Test
    void theReferenceClassifierIsGood() {
        Map<String, Double> v = evaluate(trainImages(IntStream.range(50_000, 52_000).toArray()));
        assertThat(v.get("classifier_test_accuracy")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void realImagesLookReal() {
        Map<String, Double> v = evaluate(trainImages(IntStream.range(50_000, 60_000).toArray()));
        assertThat(v.get("fcd")).isLessThan(1.0);
        assertThat(v.get("real_fcd")).isLessThan(1.0);
        assertThat(v.get("classifier_score")).isBetween(0.95 * v.get("real_classifier_score"),
                1.05 * v.get("real_classifier_score"));
        assertThat(v.get("real_classifier_score")).isGreaterThan(9.0).isLessThanOrEqualTo(10.0);
        assertThat(v.get("classes_covered")).isEqualTo(10.0);
        assertThat(v.get("class_kl")).isLessThan(0.01);
        assertThat(v.get("precision")).isGreaterThan(0.6);
        assertThat(v.get("recall")).isGreaterThan(0.6);
    }

    @Test
    void aGeneratorOfOnlyOnesHasCollapsed() {
        int[] labels = run.data().train().labels().orElseThrow();
        int[] ones = IntStream.range(0, labels.length).filter(i -> labels[i] == 1).limit(5000).toArray();
        Map<String, Double> v = evaluate(trainImages(ones));
        assertThat(v.get("classes_covered")).isEqualTo(1.0);
        // All mass on class 1, whose real share is 0.112: KL = ln(1 / 0.112) = 2.19.
        assertThat(v.get("class_kl")).isGreaterThan(2.0);
        assertThat(v.get("classifier_score")).isLessThan(1.5);
        assertThat(v.get("recall")).isLessThan(0.3);
        assertThat(v.get("fcd")).isGreaterThan(20 * Math.max(v.get("real_fcd"), 0.05));
    }

    @Test
    void noiseIsFarFromDigits() {
        INDArray noise = Nd4j.rand(DataType.FLOAT, 2000, 1, 28, 28);
        Map<String, Double> v = evaluate(noise);
        assertThat(v.get("fcd")).isGreaterThan(100 * Math.max(v.get("real_fcd"), 0.05));
        assertThat(v.get("precision")).isLessThan(0.1);
        assertThat(v.get("classifier_score")).isLessThan(3.0);
    }

    /**
     * Real images asked to be their own class: the classifier agrees as often as its test accuracy, and
     * each class's images are near that class's real ones; asked to be the next class, it never agrees.
     */
    @Test
    void conditionalAccuracyIsTheClassifiersAgreementWithTheAskedClass() {
        int[] indices = IntStream.range(50_000, 55_000).toArray();
        int[] labels = run.data().train().labels().orElseThrow();
        int[] own = java.util.Arrays.stream(indices).map(i -> labels[i]).toArray();
        int[] next = java.util.Arrays.stream(own).map(y -> (y + 1) % 10).toArray();
        ConditionalMetric metric = new ConditionalMetric();
        var params = metric.parameters().bind(Map.of());
        Map<String, Double> right = metric.evaluate(params, EvaluationContext.of(run, 1, trainImages(indices), own))
                .values();
        Map<String, Double> wrong = metric.evaluate(params, EvaluationContext.of(run, 1, trainImages(indices), next))
                .values();
        assertThat(right.get("conditional_accuracy")).isGreaterThan(0.98);
        assertThat(wrong.get("conditional_accuracy")).isLessThan(0.02);
        assertThat(right.get("class_fcd")).isLessThan(5.0);
        assertThat(wrong.get("class_fcd")).isGreaterThan(20 * right.get("class_fcd"));
        assertThat(right).containsKeys("class_fcd_0", "class_fcd_9");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> metric.evaluate(params,
                EvaluationContext.of(run, 1, trainImages(indices)))).hasMessageContaining("no conditioning");
    }
}

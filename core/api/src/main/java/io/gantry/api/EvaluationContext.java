package io.gantry.api;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One evaluation: the generated images a quality metric judges, at one step of a run. */
public interface EvaluationContext extends MetricRunContext {

    /** The training step the generator is at. */
    long step();

    /** Generated images, NCHW {@code [n, c, h, w]}, scaled to [0, 1] whatever the run's pixel range. */
    INDArray generated();

    /** A value computed once per evaluation and shared by its metrics (the generated images' features). */
    <T> T perEvaluation(String key, Supplier<T> compute);

    /** An evaluation of {@code generated} at {@code step}, sharing {@code run}'s data, cache and per-run values. */
    static EvaluationContext of(MetricRunContext run, long step, INDArray generated) {
        Memo perEvaluation = new Memo();
        return new EvaluationContext() {
            @Override
            public long step() {
                return step;
            }

            @Override
            public INDArray generated() {
                return generated;
            }

            @Override
            public <T> T perEvaluation(String key, Supplier<T> compute) {
                return perEvaluation.get(key, compute);
            }

            @Override
            public LabelledData data() {
                return run.data();
            }

            @Override
            public Path cacheDir() {
                return run.cacheDir();
            }

            @Override
            public <T> T perRun(String key, Supplier<T> compute) {
                return run.perRun(key, compute);
            }
        };
    }
}

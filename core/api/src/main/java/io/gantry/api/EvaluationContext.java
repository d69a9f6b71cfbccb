package io.gantry.api;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One evaluation: the generated images a quality metric judges, at one step of a run. */
public interface EvaluationContext extends MetricRunContext {

    /** The training step the generator is at. */
    long step();

    /** Generated images, NCHW {@code [n, c, h, w]}, scaled to [0, 1] whatever the run's pixel range. */
    INDArray generated();

    /**
     * For a class-conditional run, the class each generated image was asked to be ({@code askedClasses()[i]}
     * for image i); empty for an unconditional run. Since plugin API 2.1.
     */
    default Optional<int[]> askedClasses() {
        return Optional.empty();
    }

    /** A value computed once per evaluation and shared by its metrics (the generated images' features). */
    <T> T perEvaluation(String key, Supplier<T> compute);

    /** An evaluation of {@code generated} at {@code step}, sharing {@code run}'s data, cache and per-run values. */
    static EvaluationContext of(MetricRunContext run, long step, INDArray generated) {
        return of(run, step, generated, null);
    }

    /** The same, for a class-conditional run's images asked to be {@code askedClasses} (null: unconditional). Since 2.1. */
    static EvaluationContext of(MetricRunContext run, long step, INDArray generated, int[] askedClasses) {
        Memo perEvaluation = new Memo();
        return new EvaluationContext() {
            @Override
            public Optional<int[]> askedClasses() {
                return Optional.ofNullable(askedClasses).map(int[]::clone);
            }

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

package io.gantry.core.api;

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
}

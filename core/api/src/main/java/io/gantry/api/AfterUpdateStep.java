package io.gantry.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One configured after-update step, attached to one network for a run. The engine calls
 * {@link #apply} after each update (and after the constraints the architecture declares); the step may
 * change the parameters in place or keep weights of its own.
 */
public interface AfterUpdateStep {

    /** Runs after the network's {@code iteration}-th update (counted from 0). */
    void apply(NetworkParameters parameters, long iteration);

    /**
     * Weights, in the layout of {@link NetworkParameters#all()}, that samples and quality metrics should
     * use instead of the network's own (an EMA of G); null when this step keeps none.
     */
    default INDArray samplingWeights() {
        return null;
    }

    /** What this step must keep across a resume (a copy), or null when it keeps nothing. */
    default INDArray state() {
        return null;
    }

    /** Restores what {@link #state} returned before the run stopped. */
    default void restore(INDArray state) {
    }
}

package io.gantry.engine;

/**
 * Where a run stands between two iterations, besides the networks: the iteration count, the data
 * order (epoch, position in it, the permutation and the shuffling stream), the noise stream and what
 * the after-update steps keep (an EMA of G), in the order the steps were given.
 * With the networks' parameters and optimizer state, it is everything an exact resume needs.
 */
public record TrainerState(long step, int epoch, int position, int[] permutation, long orderRngState,
                           long noiseRngState, java.util.List<org.nd4j.linalg.api.ndarray.INDArray> afterUpdateStates) {

    /** A state whose after-update steps keep nothing. */
    public TrainerState(long step, int epoch, int position, int[] permutation, long orderRngState,
                        long noiseRngState) {
        this(step, epoch, position, permutation, orderRngState, noiseRngState, java.util.List.of());
    }
}

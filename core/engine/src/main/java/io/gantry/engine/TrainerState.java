package io.gantry.engine;

/**
 * Where a run stands between two iterations, besides the networks: the iteration count, the data
 * order (epoch, position in it, the permutation and the shuffling stream) and the noise stream.
 * With the networks' parameters and optimizer state, it is everything an exact resume needs.
 */
public record TrainerState(long step, int epoch, int position, int[] permutation, long orderRngState,
                           long noiseRngState) {
}

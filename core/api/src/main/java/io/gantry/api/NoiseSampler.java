package io.gantry.api;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws latent batches {@code [batchSize, latentDim]}. All randomness comes from the generator the
 * engine passes in, which it splits from the run's seed, so a run is reproducible.
 */
public interface NoiseSampler {
    INDArray sample(int batchSize, int latentDim, RandomGenerator rng);
}

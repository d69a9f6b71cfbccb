package io.gantry.engine;

/**
 * How the engine trains: batch size, budget, alternation of D and G steps, sampling cadence, seed.
 * Exactly one of {@code epochs} and {@code steps} sets the budget; {@code maxSteps} caps either
 * (for smoke tests).
 *
 * @param dSteps discriminator updates per iteration, each on a fresh real batch
 * @param gSteps generator updates per iteration
 * @param sampleEvery iterations between sample grids (0: only at the end)
 * @param sampleRows rows of the sample grid
 * @param sampleCols columns of the sample grid
 * @param sampleTrainMode sample with batch norm in training mode (batch statistics) instead of the
 *     running averages
 * @param dropLast drop the last, smaller batch of each epoch
 * @param shuffle reshuffle the data every epoch (false: file order, every epoch)
 * @param generatorFirst run the iteration's G steps before its D steps
 * @param dUpdate how a D step combines its real and fake batch
 * @param fakesTrainMode generate D's fakes with batch norm in training mode (batch statistics);
 *     false uses the running averages, as Keras' {@code predict} does
 * @param sampleNoiseSeed seed of the fixed sample-grid noise; null derives it from {@code seed}
 */
public record TrainingConfig(int batchSize, Integer epochs, Long steps, Long maxSteps, int dSteps, int gSteps,
                             int sampleEvery, int sampleRows, int sampleCols, boolean sampleTrainMode,
                             boolean dropLast, boolean shuffle, boolean generatorFirst, DiscriminatorUpdate dUpdate,
                             boolean fakesTrainMode, int latentDim, long seed, Long sampleNoiseSeed) {

    public TrainingConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1");
        }
        if ((epochs == null) == (steps == null)) {
            throw new IllegalArgumentException("set exactly one of epochs and steps");
        }
        if (dUpdate == null) {
            throw new IllegalArgumentException("dUpdate is required");
        }
        if (dSteps < 1 || gSteps < 1) {
            throw new IllegalArgumentException("d_steps and g_steps must be >= 1");
        }
    }

    /** Iterations this run will do over a dataset of {@code datasetSize} images. */
    public long totalSteps(int datasetSize) {
        long total = steps != null ? steps : (long) epochs * stepsPerEpoch(datasetSize);
        return maxSteps != null ? Math.min(total, maxSteps) : total;
    }

    /** Iterations in one pass of D over the data (each iteration consumes {@code dSteps} batches). */
    public int stepsPerEpoch(int datasetSize) {
        int batches = batchesPerEpoch(datasetSize);
        return Math.max(1, (batches + dSteps - 1) / dSteps);
    }

    public int batchesPerEpoch(int datasetSize) {
        return dropLast ? Math.max(1, datasetSize / batchSize) : (datasetSize + batchSize - 1) / batchSize;
    }
}

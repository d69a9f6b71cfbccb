package io.gantry.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Judges the generator as it is at a step (quality metrics). Called on the training thread between
 * iterations, so the generator does not change while it is read.
 */
public interface GeneratorEvaluator {

    /** Makes images with the generator as it is now. */
    interface ImageGenerator {
        /**
         * {@code count} images, NCHW in the run's pixel range, from the same latent points at every
         * evaluation of a run (so evaluations differ only by what the generator learned).
         */
        INDArray generate(int count);

        /** For a class-conditional run, the class each of {@link #generate}'s images is asked to be; else null. */
        default int[] classes(int count) {
            return null;
        }
    }

    void evaluate(long step, ImageGenerator generator);
}

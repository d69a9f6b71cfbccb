package io.gantry.kernels;

/**
 * A layer whose backward pass can leave out gradients its caller will not read. A GAN's training
 * loop wastes up to a seventh of an MLP's products without this (seed 001, bench/NOTES.md entry 31):
 * D's input gradient in a D step (its input is data) and D's weight gradients in a G step (only G
 * is updated). Set by {@code TrainingActivations.backprop} for one backward pass and reset after it.
 */
public interface SkippableGradients {

    /**
     * What the following backward passes compute: the gradients of the layer's parameters, and the
     * gradient of its input. Where the input gradient is not wanted the pass still returns an array
     * of its shape, contents undefined, for DL4J's input preprocessors; its caller discards it.
     */
    void wantGradients(boolean parameters, boolean input);
}

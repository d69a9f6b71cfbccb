package io.gantry.engine;

/** How one discriminator step uses its real and fake batch; the seed tutorials use all three. */
public enum DiscriminatorUpdate {
    /** One update from the sum of the real-batch and fake-batch losses (TF, MXNet tutorials). */
    SUMMED,
    /** As SUMMED with the loss halved: the mean of the two batch losses (Dive into Deep Learning). */
    MEAN,
    /** Two updates: first on the real batch, then on the fake batch (Keras train_on_batch twice). */
    SEPARATE,
    /** One update on the real and fake images stacked into one batch, loss averaged over both (Keras, concatenated). */
    CONCAT
}

package io.gantry.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An adversarial objective on the critic's raw outputs: logits {@code [batch, 1]} of a real and a
 * fake batch, as StudioGAN's losses take {@code (real_logits, fake_logits)} and torchgan's
 * {@code (dx, dgz)}. Each side gives its loss (a mean over the batches) and the gradient of that loss
 * with respect to each batch's logits, which the engine backpropagates through D. D sees the two
 * batches in separate passes, so batch norm statistics stay per batch.
 *
 * <p>Losses whose D side is a sum of a real-batch term and a fake-batch term, and whose G side reads
 * only the fakes, implement {@link SeparableLoss}: the engine then saves a pass, and
 * {@code training.d_update: separate} (two updates, one per batch) is possible.
 */
public interface GanLoss {

    /** D's loss over both batches. */
    Gradients discriminator(INDArray realLogits, INDArray fakeLogits);

    /**
     * G's loss from D's logits on G's fakes and, where {@link #generatorReadsReal()} (relativistic
     * losses), on a real batch; else {@code realLogits} is null. Only {@code dFake} is used: the real
     * logits do not depend on G.
     */
    Gradients generator(INDArray fakeLogits, INDArray realLogits);

    /** Whether {@link #generator} reads real logits, which costs D a pass over a real batch in G's step. */
    default boolean generatorReadsReal() {
        return false;
    }

    /** How the critic's outputs read as diagnostics, and when D has won so clearly that training is over. */
    default CriticReadout readout() {
        return CriticReadout.PROBABILITY;
    }

    /** A loss and its gradient with respect to one batch's logits ({@code [batch, 1]}, the logits' type). */
    record Term(double loss, INDArray dLogits) {
    }

    /** A loss and its gradients with respect to the real and the fake logits; {@code dReal} may be null in G's loss. */
    record Gradients(double loss, INDArray dReal, INDArray dFake) {
    }
}

package io.gantry.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An adversarial objective on discriminator logits {@code [batch, 1]}. Each term returns the mean
 * loss over its batch and the gradient of that mean with respect to the logits.
 *
 * <p>D's loss is split into a real and a fake term because D sees the two batches in separate
 * passes (batch norm statistics stay per batch, as in the reference implementations); its total
 * loss is their sum.
 */
public interface GanLoss {

    /** D's loss term on a batch of real images. */
    LossGradient discriminatorReal(INDArray realLogits);

    /** D's loss term on a batch of generated images. */
    LossGradient discriminatorFake(INDArray fakeLogits);

    /** G's loss on the logits D gave its fakes. */
    LossGradient generator(INDArray fakeLogits);

    record LossGradient(double loss, INDArray dLogits) {
    }
}

package io.gantry.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link GanLoss} whose D side is the sum of a term on the real batch and a term on the fake batch,
 * and whose G side reads only the fakes: minimax, non-saturating, least-squares, hinge, Wasserstein.
 */
public interface SeparableLoss extends GanLoss {

    /** D's term on a batch of real images. */
    Term real(INDArray realLogits);

    /** D's term on a batch of generated images. */
    Term fake(INDArray fakeLogits);

    /** G's loss on the logits D gave its fakes. */
    Term generator(INDArray fakeLogits);

    @Override
    default Gradients discriminator(INDArray realLogits, INDArray fakeLogits) {
        Term real = real(realLogits);
        Term fake = fake(fakeLogits);
        return new Gradients(real.loss() + fake.loss(), real.dLogits(), fake.dLogits());
    }

    @Override
    default Gradients generator(INDArray fakeLogits, INDArray realLogits) {
        Term term = generator(fakeLogits);
        return new Gradients(term.loss(), null, term.dLogits());
    }
}

package io.gantry.plugins.losses;

import io.gantry.api.GanLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GAN losses whose discriminator side is binary cross-entropy on logits (real towards 1, fake
 * towards 0); they differ only in what the generator minimises.
 */
abstract class BceOnLogits extends TermLoss {

    @Override
    GanLoss.Term realTerm(INDArray logits) {
        return Logits.towardsReal(logits);
    }

    @Override
    GanLoss.Term fakeTerm(INDArray logits) {
        return Logits.towardsFake(logits);
    }
}

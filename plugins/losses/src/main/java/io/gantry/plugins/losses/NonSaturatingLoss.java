package io.gantry.plugins.losses;

import io.gantry.api.GanLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** Goodfellow et al.'s practical variant: G maximises log D(G(z)) instead of minimising log(1 - D(G(z))). */
@Extension
public class NonSaturatingLoss extends BceOnLogits {
    @Override
    public String name() {
        return "non-saturating";
    }

    @Override
    public String description() {
        return "BCE on logits; G minimises -log D(G(z)) (strong gradients early in training)";
    }

    @Override
    GanLoss.Term generatorTerm(INDArray fakeLogits) {
        return Logits.towardsReal(fakeLogits);
    }
}

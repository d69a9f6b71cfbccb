package io.gantry.plugins.losses;

import io.gantry.api.GanLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** The original minimax game: G minimises log(1 - D(G(z))), the negative of D's fake term. */
@Extension
public class MinimaxLoss extends BceOnLogits {
    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public String description() {
        return "BCE on logits; G minimises log(1 - D(G(z))) (saturates when D wins)";
    }

    @Override
    GanLoss.Term generatorTerm(INDArray fakeLogits) {
        // Minus D's fake term: G maximises D's loss on its fakes.
        return Logits.mean(fakeLogits, x -> -Logits.softplus(x), x -> -Logits.sigmoid(x));
    }
}

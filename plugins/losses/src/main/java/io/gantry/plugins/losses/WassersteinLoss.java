package io.gantry.plugins.losses;

import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * WGAN (Arjovsky et al. 2017): the critic minimises E[D(G(z))] - E[D(x)], G minimises -E[D(G(z))].
 * The critic must be kept Lipschitz, e.g. by weight clipping after each update (a DL4J constraint in
 * the architecture) as the paper does.
 */
@Extension
public class WassersteinLoss extends TermLoss {
    @Override
    public String name() {
        return "wasserstein";
    }

    @Override
    public String description() {
        return "WGAN: critic E[D(G(z))] - E[D(x)], G -E[D(G(z))]; keep the critic Lipschitz (clipping)";
    }

    @Override
    GanLoss.Term realTerm(INDArray logits) {
        return Logits.mean(logits, x -> -x, x -> -1);
    }

    @Override
    GanLoss.Term fakeTerm(INDArray logits) {
        return Logits.mean(logits, x -> x, x -> 1);
    }

    @Override
    GanLoss.Term generatorTerm(INDArray logits) {
        return Logits.mean(logits, x -> -x, x -> -1);
    }

    @Override
    CriticReadout criticReadout() {
        return CriticReadout.SCORE;
    }
}

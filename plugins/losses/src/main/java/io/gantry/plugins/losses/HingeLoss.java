package io.gantry.plugins.losses;

import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * The hinge loss of SNGAN, SAGAN and BigGAN (Lim & Ye 2017; Miyato et al. 2018): D minimises
 * E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))], G minimises -E[D(G(z))].
 */
@Extension
public class HingeLoss extends TermLoss {
    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public String description() {
        return "hinge: D max(0, 1 - D(x)) + max(0, 1 + D(G(z))), G -D(G(z)) (SNGAN, BigGAN)";
    }

    @Override
    GanLoss.Term realTerm(INDArray logits) {
        return Logits.mean(logits, x -> Math.max(0, 1 - x), x -> x < 1 ? -1 : 0);
    }

    @Override
    GanLoss.Term fakeTerm(INDArray logits) {
        return Logits.mean(logits, x -> Math.max(0, 1 + x), x -> x > -1 ? 1 : 0);
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

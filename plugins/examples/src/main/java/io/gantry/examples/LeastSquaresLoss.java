package io.gantry.examples;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * Least-squares GAN (Mao et al. 2017): D minimises 1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2],
 * G minimises 1/2 E[(D(G(z)) - 1)^2], on raw logits.
 */
@Extension
public class LeastSquaresLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "least-squares";
    }

    @Override
    public String description() {
        return "example: least-squares GAN loss on logits (LSGAN)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
        return new GanLoss() {
            @Override
            public LossGradient discriminatorReal(INDArray x) {
                return squared(x, 1.0);
            }

            @Override
            public LossGradient discriminatorFake(INDArray x) {
                return squared(x, 0.0);
            }

            @Override
            public LossGradient generator(INDArray x) {
                return squared(x, 1.0);
            }
        };
    }

    /** 1/2 mean((x - target)^2) and its gradient (x - target) / n. */
    private static GanLoss.LossGradient squared(INDArray x, double target) {
        long n = x.length();
        INDArray diff = x.sub(target);
        double loss = 0.5 * diff.mul(diff).sumNumber().doubleValue() / n;
        return new GanLoss.LossGradient(loss, diff.divi(n));
    }
}

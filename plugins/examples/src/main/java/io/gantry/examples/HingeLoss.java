package io.gantry.examples;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pf4j.Extension;

/**
 * Hinge loss (Lim & Ye 2017; SAGAN, BigGAN): D minimises E[relu(1 - D(x))] + E[relu(1 + D(G(z)))],
 * G minimises -E[D(G(z))], all on raw logits.
 */
@Extension
public class HingeLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public String description() {
        return "example: hinge loss on logits (SAGAN/BigGAN)";
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
                return margin(x.rsub(1.0), -1.0); // relu(1 - x), d/dx = -1 where active
            }

            @Override
            public LossGradient discriminatorFake(INDArray x) {
                return margin(x.add(1.0), 1.0); // relu(1 + x), d/dx = +1 where active
            }

            @Override
            public LossGradient generator(INDArray x) {
                long n = x.length();
                return new LossGradient(-x.sumNumber().doubleValue() / n, x.ulike().assign(-1.0 / n));
            }
        };
    }

    private static GanLoss.LossGradient margin(INDArray inner, double slope) {
        long n = inner.length();
        double loss = Transforms.relu(inner, true).sumNumber().doubleValue() / n;
        INDArray active = inner.gt(0.0).castTo(inner.dataType());
        return new GanLoss.LossGradient(loss, active.muli(slope / n));
    }
}

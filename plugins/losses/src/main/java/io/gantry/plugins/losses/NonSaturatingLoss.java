package io.gantry.plugins.losses;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** Goodfellow et al.'s practical variant: G maximises log D(G(z)) instead of minimising log(1 - D(G(z))). */
@Extension
public class NonSaturatingLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "non-saturating";
    }

    @Override
    public String description() {
        return "BCE on logits; G minimises -log D(G(z)) (strong gradients early in training)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
        return new GanLoss() {
            @Override
            public LossGradient discriminatorReal(INDArray realLogits) {
                return Logits.towardsReal(realLogits);
            }

            @Override
            public LossGradient discriminatorFake(INDArray fakeLogits) {
                return Logits.towardsFake(fakeLogits);
            }

            @Override
            public LossGradient generator(INDArray fakeLogits) {
                return Logits.towardsReal(fakeLogits);
            }
        };
    }
}

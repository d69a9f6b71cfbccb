package io.gantry.plugins.losses;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** The original minimax game: G minimises log(1 - D(G(z))), the negative of D's fake term. */
@Extension
public class MinimaxLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public String description() {
        return "BCE on logits; G minimises log(1 - D(G(z))) (saturates when D wins)";
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
                LossGradient dTerm = Logits.towardsFake(fakeLogits);
                return new LossGradient(-dTerm.loss(), dTerm.dLogits().negi());
            }
        };
    }
}

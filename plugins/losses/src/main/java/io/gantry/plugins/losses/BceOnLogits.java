package io.gantry.plugins.losses;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GAN losses whose discriminator side is binary cross-entropy on logits (real towards 1, fake
 * towards 0); they differ only in what the generator minimises.
 */
abstract class BceOnLogits implements AdversarialLoss {

    /** G's loss on the logits D gave its fakes. */
    abstract GanLoss.LossGradient generatorTerm(INDArray fakeLogits);

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
                return generatorTerm(fakeLogits);
            }
        };
    }
}

package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GAN losses whose discriminator side is binary cross-entropy on logits (real towards 1, fake
 * towards 0); they differ only in what the generator minimises.
 */
abstract class BceOnLogits implements AdversarialLoss {

    /** G's loss on the logits D gave its fakes. */
    abstract GanLoss.Term generatorTerm(INDArray fakeLogits);

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
        return new SeparableLoss() {
            @Override
            public Term real(INDArray realLogits) {
                return Logits.towardsReal(realLogits);
            }

            @Override
            public Term fake(INDArray fakeLogits) {
                return Logits.towardsFake(fakeLogits);
            }

            @Override
            public Term generator(INDArray fakeLogits) {
                return generatorTerm(fakeLogits);
            }
        };
    }
}

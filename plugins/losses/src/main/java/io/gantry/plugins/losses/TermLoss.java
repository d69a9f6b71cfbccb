package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss without parameters made of three per-batch terms (D's on the real batch, D's on the fake
 * batch, G's on the fakes): the BCE family, hinge, Wasserstein.
 */
abstract class TermLoss implements AdversarialLoss {

    abstract GanLoss.Term realTerm(INDArray logits);

    abstract GanLoss.Term fakeTerm(INDArray logits);

    abstract GanLoss.Term generatorTerm(INDArray logits);

    /** How the critic's output reads: a probability unless the loss says otherwise. */
    CriticReadout criticReadout() {
        return CriticReadout.PROBABILITY;
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
        CriticReadout readout = criticReadout();
        return new SeparableLoss() {
            @Override
            public Term real(INDArray logits) {
                return realTerm(logits);
            }

            @Override
            public Term fake(INDArray logits) {
                return fakeTerm(logits);
            }

            @Override
            public Term generator(INDArray logits) {
                return generatorTerm(logits);
            }

            @Override
            public CriticReadout readout() {
                return readout;
            }
        };
    }
}

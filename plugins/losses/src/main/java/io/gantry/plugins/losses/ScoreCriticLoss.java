package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A separable loss without parameters on a critic whose output is a score, not a probability (hinge, Wasserstein). */
abstract class ScoreCriticLoss implements AdversarialLoss {

    abstract GanLoss.Term realTerm(INDArray logits);

    abstract GanLoss.Term fakeTerm(INDArray logits);

    abstract GanLoss.Term generatorTerm(INDArray logits);

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
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
                return CriticReadout.SCORE;
            }
        };
    }
}

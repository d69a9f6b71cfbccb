package io.gantry.plugins.losses;

import java.util.function.DoubleUnaryOperator;
import org.pf4j.Extension;

/** RaLSGAN: squared distance of the relativistic logit to +1 for the batch pushed up, to -1 for the other. */
@Extension
public class RelativisticAverageLeastSquaresLoss extends RelativisticAverage {
    @Override
    public String name() {
        return "relativistic-average-ls";
    }

    @Override
    public String description() {
        return "RaLSGAN (Jolicoeur-Martineau 2018): (C(x) - mean C(other batch) -+ 1)^2; G's loss reads real logits";
    }

    @Override
    DoubleUnaryOperator up() {
        return t -> (t - 1) * (t - 1);
    }

    @Override
    DoubleUnaryOperator upSlope() {
        return t -> 2 * (t - 1);
    }

    @Override
    DoubleUnaryOperator down() {
        return t -> (t + 1) * (t + 1);
    }

    @Override
    DoubleUnaryOperator downSlope() {
        return t -> 2 * (t + 1);
    }
}

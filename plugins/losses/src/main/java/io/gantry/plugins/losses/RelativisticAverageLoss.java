package io.gantry.plugins.losses;

import java.util.function.DoubleUnaryOperator;
import org.pf4j.Extension;

/** RaSGAN: binary cross-entropy on relativistic logits, target 1 for the batch pushed up, 0 for the other. */
@Extension
public class RelativisticAverageLoss extends RelativisticAverage {
    @Override
    public String name() {
        return "relativistic-average";
    }

    @Override
    public String description() {
        return "RaSGAN (Jolicoeur-Martineau 2018): BCE of C(x) - mean C(other batch); G's loss reads real logits";
    }

    @Override
    DoubleUnaryOperator up() {
        return t -> Logits.softplus(-t);
    }

    @Override
    DoubleUnaryOperator upSlope() {
        return t -> -Logits.sigmoid(-t);
    }

    @Override
    DoubleUnaryOperator down() {
        return Logits::softplus;
    }

    @Override
    DoubleUnaryOperator downSlope() {
        return Logits::sigmoid;
    }
}

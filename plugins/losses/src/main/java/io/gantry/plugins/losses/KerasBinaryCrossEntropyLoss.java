package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * Keras' {@code binary_crossentropy} on a sigmoid output (seeds 001 and 004): the probability is
 * clipped to [eps, 1 - eps], which is BCE on the logit clipped to +-log((1 - eps) / eps), with no
 * gradient where the clip is active. G uses target 1 (the combined-model trick).
 */
@Extension
public class KerasBinaryCrossEntropyLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "keras-bce";
    }

    @Override
    public String description() {
        return "Keras binary_crossentropy on sigmoid probabilities clipped to [eps, 1-eps] (seeds 001, 004)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("epsilon", 1e-7, 0.0, 0.5, "probability clip (Keras backend epsilon)")
                .build();
    }

    @Override
    public GanLoss create(Params params) {
        double bound = Math.log((1 - params.getDouble("epsilon")) / params.getDouble("epsilon"));
        return new SeparableLoss() {
            @Override
            public Term real(INDArray logits) {
                return clipped(logits, bound, true);
            }

            @Override
            public Term fake(INDArray logits) {
                return clipped(logits, bound, false);
            }

            @Override
            public Term generator(INDArray logits) {
                return clipped(logits, bound, true);
            }
        };
    }

    private static GanLoss.Term clipped(INDArray logits, double bound, boolean towardsReal) {
        double target = towardsReal ? 1 : 0;
        double sign = towardsReal ? -1 : 1;
        // clip_by_value passes no gradient where it clipped.
        return Logits.mean(logits, x -> Logits.softplus(sign * clip(x, bound)),
                x -> Math.abs(x) <= bound ? Logits.sigmoid(x) - target : 0);
    }

    private static double clip(double x, double bound) {
        return Math.max(-bound, Math.min(bound, x));
    }
}

package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * Seed 000's loss, on probabilities D = sigmoid(logit) with an epsilon inside the log:
 * D minimises -(log(D(x) + eps) + log(1 - D(G(z)) + eps)), G minimises -log(D(G(z)) + eps).
 */
@Extension
public class EpsilonLogLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "log-epsilon";
    }

    @Override
    public String description() {
        return "-log(D + eps) on probabilities (seed 000, TensorFlow); G non-saturating";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("epsilon", 1e-12, 0.0, 1.0, "added inside each log")
                .build();
    }

    @Override
    public GanLoss create(Params params) {
        double eps = params.getDouble("epsilon");
        return new SeparableLoss() {
            @Override
            public Term real(INDArray logits) {
                return negLog(logits, eps, false);
            }

            @Override
            public Term fake(INDArray logits) {
                return negLog(logits, eps, true);
            }

            @Override
            public Term generator(INDArray logits) {
                return negLog(logits, eps, false);
            }
        };
    }

    /**
     * Mean of -log(q + eps) with q = p (or 1 - p), p = sigmoid(logit); d/dlogit uses dp/dlogit = p(1 - p).
     */
    private static GanLoss.Term negLog(INDArray logits, double eps, boolean complement) {
        double sign = complement ? 1 : -1;
        return Logits.mean(logits, x -> -Math.log(q(Logits.sigmoid(x), complement) + eps), x -> {
            double p = Logits.sigmoid(x);
            return sign * p * (1 - p) / (q(p, complement) + eps);
        });
    }

    private static double q(double p, boolean complement) {
        return complement ? 1 - p : p;
    }
}

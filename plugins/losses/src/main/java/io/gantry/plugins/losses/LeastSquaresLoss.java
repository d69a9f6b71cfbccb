package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import io.gantry.api.SeparableLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * LSGAN (Mao et al. 2017): D minimises 1/2 E[(D(x) - b)^2] + 1/2 E[(D(G(z)) - a)^2], G minimises
 * 1/2 E[(D(G(z)) - c)^2] on the critic's raw output; a = 0, b = c = 1 as in the paper and torchgan.
 */
@Extension
public class LeastSquaresLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "least-squares";
    }

    @Override
    public String description() {
        return "LSGAN: squared distance of the raw critic output to a target (real b, fake a, G's c)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("real_target", 1.0, null, null, "b: D's target for real images")
                .number("fake_target", 0.0, null, null, "a: D's target for generated images")
                .number("generator_target", 1.0, null, null, "c: the value G wants D to give its images")
                .build();
    }

    @Override
    public GanLoss create(Params params) {
        double b = params.getDouble("real_target");
        double a = params.getDouble("fake_target");
        double c = params.getDouble("generator_target");
        return new SeparableLoss() {
            @Override
            public Term real(INDArray logits) {
                return halfSquared(logits, b);
            }

            @Override
            public Term fake(INDArray logits) {
                return halfSquared(logits, a);
            }

            @Override
            public Term generator(INDArray logits) {
                return halfSquared(logits, c);
            }

            @Override
            public CriticReadout readout() {
                return CriticReadout.SCORE;
            }
        };
    }

    private static GanLoss.Term halfSquared(INDArray logits, double target) {
        return Logits.mean(logits, x -> 0.5 * (x - target) * (x - target), x -> x - target);
    }
}

package io.gantry.plugins.afterupdate;

import io.gantry.api.AfterUpdate;
import io.gantry.api.AfterUpdateStep;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * WGAN's weight clipping (Arjovsky et al. 2017): after every update each trainable parameter is clamped
 * to [-bound, bound], as PyTorch's {@code p.data.clamp_(-c, c)} over {@code parameters()} does (batch
 * norm's running statistics are not parameters there, and are left alone here).
 */
@Extension
public class ClipWeights implements AfterUpdate {
    @Override
    public String name() {
        return "clip-weights";
    }

    @Override
    public String description() {
        return "clamp every trainable parameter to [-bound, bound] after each update (WGAN's critic)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("bound", 0.01, 1e-12, null, "the clipping bound c (WGAN: 0.01)")
                .build();
    }

    @Override
    public AfterUpdateStep create(Params params) {
        double bound = params.getDouble("bound");
        return (parameters, iteration) -> {
            for (INDArray p : parameters.trainable().values()) {
                org.nd4j.linalg.ops.transforms.Transforms.max(p, -bound, false);
                org.nd4j.linalg.ops.transforms.Transforms.min(p, bound, false);
            }
        };
    }
}

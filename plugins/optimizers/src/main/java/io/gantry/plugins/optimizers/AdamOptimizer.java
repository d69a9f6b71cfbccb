package io.gantry.plugins.optimizers;

import io.gantry.api.Optimizer;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.pf4j.Extension;

@Extension
public class AdamOptimizer implements Optimizer {
    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam (Kingma & Ba); DCGAN uses lr 0.0002, beta1 0.5";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("lr", 0.001, 0.0, null, "learning rate")
                .number("beta1", 0.9, 0.0, 1.0, "decay of the first-moment estimate")
                .number("beta2", 0.999, 0.0, 1.0, "decay of the second-moment estimate")
                .number("epsilon", 1e-8, 0.0, null, "added to the denominator for stability")
                .build();
    }

    @Override
    public IUpdater create(Params params) {
        return new Adam(params.getDouble("lr"), params.getDouble("beta1"), params.getDouble("beta2"),
                params.getDouble("epsilon"));
    }
}

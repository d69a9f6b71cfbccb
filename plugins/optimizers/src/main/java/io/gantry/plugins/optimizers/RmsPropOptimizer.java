package io.gantry.plugins.optimizers;

import io.gantry.api.Optimizer;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.pf4j.Extension;

@Extension
public class RmsPropOptimizer implements Optimizer {
    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSProp";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("lr", 0.001, 0.0, null, "learning rate")
                .number("rho", 0.9, 0.0, 1.0, "decay of the squared-gradient average")
                .number("epsilon", 1e-8, 0.0, null, "added to the denominator for stability")
                .build();
    }

    @Override
    public IUpdater create(Params params) {
        return new RmsProp(params.getDouble("lr"), params.getDouble("rho"), params.getDouble("epsilon"));
    }
}

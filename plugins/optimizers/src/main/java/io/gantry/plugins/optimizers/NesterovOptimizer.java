package io.gantry.plugins.optimizers;

import io.gantry.api.Optimizer;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.pf4j.Extension;

@Extension
public class NesterovOptimizer implements Optimizer {
    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    public String description() {
        return "SGD with Nesterov momentum";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("lr", 0.01, 0.0, null, "learning rate")
                .number("momentum", 0.9, 0.0, 1.0, "momentum")
                .build();
    }

    @Override
    public IUpdater create(Params params) {
        return new Nesterovs(params.getDouble("lr"), params.getDouble("momentum"));
    }
}

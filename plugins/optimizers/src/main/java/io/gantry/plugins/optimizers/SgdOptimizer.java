package io.gantry.plugins.optimizers;

import io.gantry.api.Optimizer;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.pf4j.Extension;

/** Plain SGD, or SGD with (Nesterov) momentum when momentum is set. */
@Extension
public class SgdOptimizer implements Optimizer {
    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "stochastic gradient descent (Keras 'sgd' default: lr 0.01, no momentum)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("lr", 0.01, 0.0, null, "learning rate")
                .number("momentum", 0.0, 0.0, 1.0, "momentum; 0 is plain SGD")
                .build();
    }

    @Override
    public IUpdater create(Params params) {
        double momentum = params.getDouble("momentum");
        return momentum == 0 ? new Sgd(params.getDouble("lr")) : new Nesterovs(params.getDouble("lr"), momentum);
    }
}

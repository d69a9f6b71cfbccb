package io.gantry.runner.cli;

import io.gantry.runner.sample.ModelRegistration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Make a finished run's generator a new version of a model in MLflow's Model Registry.")
final class RegisterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run whose generator to register.")
    String runId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The registered model (created when new).")
    String name;

    @Mixin
    WeightsOption weights;

    @Mixin
    TrackingUriOption tracking;

    @Override
    public Integer call() {
        System.out.println(ModelRegistration.describe(ModelRegistration.register(tracking.tracker(), runId, name,
                weights.chosen())));
        return 0;
    }
}

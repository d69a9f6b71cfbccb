package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.experiment.ExperimentRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its last checkpoint, into the same MLflow run.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID_OR_DIR",
            description = "The run id (looked up under --checkpoints-dir) or the run's checkpoint folder.")
    String target;

    @Option(names = "--checkpoints-dir", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "Where run checkpoints are (the spec's checkpoint.dir; default: ${DEFAULT-VALUE}).")
    Path checkpointsDir;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentRunner> runners;

    @Override
    public Integer call() throws Exception {
        Path dir = Path.of(target);
        if (!Files.isRegularFile(dir.resolve("run.properties"))) {
            dir = checkpointsDir.resolve(target);
        }
        if (!Files.isRegularFile(dir.resolve("run.properties"))) {
            throw new IllegalArgumentException("no checkpoints for '" + target + "': neither " + Path.of(target)
                    + " nor " + dir + " holds a run.properties (pass the run id, or the run's checkpoint folder)");
        }
        System.err.println("backend: " + Backend.initialise());
        ExperimentRunner runner = runners.get();
        Path runDir = dir;
        return RunCommand.withStopHook(stop -> RunCommand.report(runner.resume(runDir, stop, true)));
    }
}

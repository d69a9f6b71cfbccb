package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.launch.EngineTags;
import io.gantry.runner.sweep.SweepFolder;
import io.gantry.runner.sweep.SweepTrialRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "trial", mixinStandardHelpOptions = true,
        description = "Run one trial of a sweep folder (what a Slurm array task or a Kubernetes pod runs): "
                + "starts its run, or resumes it from its newest checkpoint when it has one.")
final class TrialCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "The sweep folder a launcher wrote.")
    Path folder;

    @Parameters(index = "1", paramLabel = "INDEX", description = "The trial, 1 to the number of trials.")
    int index;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<SweepTrialRunner> trials;

    @Override
    public Integer call() throws Exception {
        SweepFolder sweep = new SweepFolder(folder);
        sweep.trialSpec(index); // index and folder checked before the backend loads
        System.err.println("backend: " + Backend.initialise());
        SweepTrialRunner runner = trials.get();
        return RunCommand.withStopHook(stop -> RunCommand.report(runner.run(sweep, index,
                EngineTags.of(System.getenv()), stop)));
    }
}

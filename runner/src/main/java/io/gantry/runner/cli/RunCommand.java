package io.gantry.runner.cli;

import com.google.inject.Injector;
import io.gantry.runner.experiment.Backend;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.ExperimentRunner;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.RunOutcome;
import io.gantry.tracking.RunStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Train the experiment a spec declares.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    SpecOptions spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N iterations (smoke tests).")
    Long maxSteps;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Where runs go: a folder for MLflow's file store (default: spec tracking.uri, "
                    + "then $MLFLOW_TRACKING_URI, then ./mlruns).")
    String trackingUri;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets are found or installed (default: $GANTRY_DATA_DIR, else ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be >= 1");
        }
        Injector injector = Commands.injector(plugins);
        System.err.println("backend: " + Backend.describe());
        Experiment experiment = injector.getInstance(ExperimentResolver.class).resolve(spec.load());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: finish the current step, flush tracking, mark the run KILLED.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "gantry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunOutcome outcome = injector.getInstance(ExperimentRunner.class).run(experiment,
                    new RunOptions(maxSteps, trackingUri, DataDirs.resolve(dataDir)), stop);
            System.err.println("run " + outcome.runId() + " " + outcome.status() + " after " + outcome.steps()
                    + " steps: " + outcome.location());
            if (outcome.status() == RunStatus.FAILED) {
                System.err.println("error: " + outcome.error());
                return 1;
            }
            return outcome.status() == RunStatus.KILLED ? 130 : 0;
        } finally {
            // Only now may a Ctrl-C shutdown proceed: the run is ended and reported.
            done.countDown();
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}

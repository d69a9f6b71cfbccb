package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.ExperimentRunner;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.launch.LauncherSpec;
import io.gantry.runner.launch.SweepSubmitter;
import io.gantry.tracking.RunStatus;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecLoader;
import io.gantry.runner.sweep.SweepExpander;
import io.gantry.runner.sweep.SweepRunner;
import io.gantry.runner.sweep.SweepSpec;
import io.gantry.runner.sweep.Trial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.gantry.runner.sample.ModelRegistration;
import io.gantry.tracking.Tracker;
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

    @Inject
    Provider<ExperimentResolver> resolver;

    @Inject
    Provider<ExperimentRunner> runner;

    @Inject
    Provider<SweepRunner> sweepRunner;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N iterations (smoke tests).")
    Long maxSteps;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Where runs go: an MLflow server (http(s)://host:port) or a folder for MLflow's file "
                    + "store (default: spec tracking.uri, then $MLFLOW_TRACKING_URI, then ./mlruns).")
    String trackingUri;

    @Option(names = "--sweep", paramLabel = "KEY=A,B",
            description = "Add or replace a sweep grid axis, e.g. --sweep noise.type=uniform,normal or "
                    + "--sweep 'optimizer.generator=[{type: sgd}, {type: adam}]' (repeatable).")
    List<String> sweepAxes = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the trials a sweep would run, after checking them, and exit.")
    boolean dryRun;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Trials to run at once (default 1); native threads are split between them.")
    int parallel;

    @Option(names = "--launcher", paramLabel = "TYPE",
            description = "Where trials run: local (this JVM, the default), slurm (one job array, submitted with "
                    + "sbatch) or kubernetes (an Indexed Job); replaces the spec's launcher.type. Settings: "
                    + "launcher.slurm.* and launcher.kubernetes.* in the spec or with --set.")
    String launcher;

    @Inject
    Provider<SweepSubmitter> submitter;

    @Option(names = "--register-model", paramLabel = "NAME",
            description = "When the run finishes, make its generator a new version of model NAME in MLflow's Model "
                    + "Registry (gantry sample models:/NAME/VERSION draws from it): the best one where the spec "
                    + "sets evaluation.best_metric, else the last.")
    String registerModel;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets are found or installed (default: $GANTRY_DATA_DIR, else ./data).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be >= 1");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1");
        }
        System.err.println("backend: " + Backend.initialise());
        SpecDocument doc = spec.load();
        SweepSpec sweep = sweepOf(doc);
        RunOptions options = new RunOptions(maxSteps, trackingUri, DataDirs.resolve(dataDir));
        LauncherSpec launch = LauncherSpec.from(doc, launcher);
        if (launch.remote() && !dryRun) {
            if (parallel != 1) {
                throw new IllegalArgumentException("--parallel is for trials in this JVM; with --launcher "
                        + launch.type() + " set launcher." + launch.type() + "." + ("slurm".equals(launch.type())
                        ? "parallel" : "parallelism") + " instead");
            }
            submitter.get().submit(launch, sweep, new SweepExpander().expand(doc, sweep), options,
                    plugins.extraDirs.stream().map(p -> p.toAbsolutePath().toString()).toList(), System.out);
            return 0;
        }
        if (sweep.isEmpty() && !dryRun) {
            return single(resolver.get().resolve(doc.without("launcher")), options);
        }
        if (registerModel != null) {
            throw new IllegalArgumentException("--register-model registers one run, and this spec is a sweep: "
                    + "register the trial you choose with gantry register RUN_ID " + registerModel);
        }
        List<Trial> trials = new SweepExpander().expand(doc, sweep);
        SweepRunner sweeps = sweepRunner.get();
        if (dryRun) {
            sweeps.resolveAll(trials, sweep);
            for (Trial t : trials) {
                System.out.println(t.index() + "\t" + t.label() + "\t" + t.values());
            }
            System.out.println(trials.size() + " trials, all valid");
            return 0;
        }
        return withStopHook(stop -> {
            var rows = sweeps.run(sweep, trials, options, parallel, stop, System.out);
            boolean failed = rows.stream().anyMatch(r -> r.outcome().status() == RunStatus.FAILED);
            return stop.get() ? 130 : failed ? 1 : 0;
        });
    }

    private Integer single(Experiment experiment, RunOptions options) throws Exception {
        return withStopHook(stop -> {
            RunOutcome outcome = runner.get().run(experiment, options, stop);
            int exit = report(outcome);
            if (registerModel != null && outcome.status() == RunStatus.FINISHED) {
                Tracker tracker = ExperimentRunner.tracker(experiment, options);
                System.err.println(ModelRegistration.describe(ModelRegistration.register(tracker, outcome.runId(),
                        registerModel, null)));
            }
            return exit;
        });
    }

    /** Prints how a run ended; the exit code: 0 finished, 1 failed, 130 killed. */
    static int report(RunOutcome outcome) {
        System.err.println("run " + outcome.runId() + " " + outcome.status() + " after " + outcome.steps()
                + " steps: " + outcome.location());
        if (!outcome.qualitySummary().isEmpty()) {
            System.err.println("quality: " + outcome.qualitySummary());
        }
        if (!outcome.howToOpen().isEmpty()) {
            System.err.println("open it: " + outcome.howToOpen());
        }
        if (outcome.status() == RunStatus.FAILED) {
            System.err.println("error: " + outcome.error());
            return 1;
        }
        return outcome.status() == RunStatus.KILLED ? 130 : 0;
    }

    /** The spec's sweep block with the command line's --sweep axes added or replacing its own. */
    private SweepSpec sweepOf(SpecDocument doc) {
        SweepSpec sweep = SweepSpec.from(doc);
        for (String axis : sweepAxes) {
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--sweep " + axis + ": expected key=value1,value2");
            }
            List<Object> values;
            try {
                values = axisValues(axis.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sweep " + axis + ": " + e.getMessage());
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("--sweep " + axis + ": no values; give one or more, e.g. "
                        + axis.substring(0, eq + 1) + "a,b or " + axis.substring(0, eq + 1) + "[a, b]");
            }
            sweep = sweep.withAxis(axis.substring(0, eq).strip(), values);
        }
        return sweep;
    }

    /** Values of a --sweep axis: a YAML list, or comma-separated YAML scalars. */
    static List<Object> axisValues(String text) {
        Object parsed = SpecLoader.parseValue(text.strip());
        if (parsed instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        List<Object> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(SpecLoader.parseValue(part.strip()));
        }
        return out;
    }

    /** Work that checks {@code stop} between steps; what it returns is handed back by {@link #withStopHook}. */
    interface StoppableWork<T> {
        T run(AtomicBoolean stop) throws Exception;
    }

    /**
     * Runs the work so that Ctrl-C (SIGINT) or SIGTERM asks it to stop after the current step: the
     * run is checkpointed, its tracking flushed and marked KILLED. A second signal exits at once.
     * The shutdown hook covers other ways the JVM is asked to exit.
     */
    static <T> T withStopHook(StoppableWork<T> work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger signals = new java.util.concurrent.atomic.AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (signals.incrementAndGet() == 1) {
                        stop.set(true);
                        System.err.println("\nstopping after this step (checkpoint, flush, KILLED); "
                                + "press Ctrl-C again to quit at once");
                    } else {
                        Runtime.getRuntime().halt(130);
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // this JVM does not let us handle the signal; the shutdown hook below still works
            }
        }
        CountDownLatch done = new CountDownLatch(1);
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
            return work.run(stop);
        } finally {
            // Only now may a shutdown proceed: the run is ended and reported.
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting
            }
        }
    }
}

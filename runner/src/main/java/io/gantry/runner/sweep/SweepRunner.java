package io.gantry.runner.sweep;

import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.ExperimentRunner;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.experiment.StaleRuns;
import io.gantry.runner.experiment.TrackerFactory;
import io.gantry.runner.experiment.TrialContext;
import io.gantry.runner.schedule.AshaScheduler;
import io.gantry.runner.schedule.AshaSpec;
import io.gantry.runner.spec.SpecException;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.Tracker;
import io.gantry.tracking.TrackingRun;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: every trial is resolved and checked before any trains; a parent run records the
 * sweep; each trial is a child run; a failing trial is marked FAILED and the others go on; at the
 * end a table of results is printed and stored on the parent as sweep.csv.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private final ExperimentResolver resolver;
    private final ExperimentRunner runner;

    @Inject
    public SweepRunner(ExperimentResolver resolver, ExperimentRunner runner) {
        this.resolver = resolver;
        this.runner = runner;
    }

    /** One trial's result, a row of the table. */
    public record Row(Trial trial, RunOutcome outcome) {
    }

    /** Resolves every trial; the first bad one stops the sweep before anything trains. */
    public List<Experiment> resolveAll(List<Trial> trials, SweepSpec sweep) {
        List<Experiment> out = new ArrayList<>();
        for (Trial t : trials) {
            try {
                Experiment e = resolver.resolveChecked(t.document()).experiment();
                String[] problem = sweep.scheduler() == null ? null : sweep.scheduler().problem(e);
                if (problem != null) {
                    throw t.document().error(problem[0], problem[1]);
                }
                out.add(e);
            } catch (SpecException ex) {
                throw new SpecException("trial " + t.index() + " (" + t.label() + "): " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** A sweep whose trials were all checked and whose parent run was started. */
    public record Started(List<Experiment> experiments, Tracker tracker, TrackingRun parent, String name) {
    }

    /**
     * Checks every trial, then starts the sweep's parent run with the sweep's params and
     * {@code parentTags}; a launcher writes its trials elsewhere, {@link #run} runs them here.
     *
     * @param trainsHere whether this process lives as long as the sweep: then the parent's writes are
     *     queued and it has a heartbeat; else they are written at once and it has none, so that no one takes
     *     it for a run its process left behind (its last trial or {@code gantry sweep cancel} ends it)
     */
    public Started start(SweepSpec sweep, List<Trial> trials, RunOptions options, Map<String, String> parentTags,
                         boolean trainsHere) {
        List<Experiment> experiments = resolveAll(trials, sweep);
        if (sweep.scheduler() != null && options.maxSteps() != null
                && sweep.scheduler().rungs(options.maxSteps()).isEmpty()) {
            throw new IllegalArgumentException("--max-steps " + options.maxSteps() + " is not above "
                    + "sweep.scheduler.min_steps " + sweep.scheduler().minSteps() + ": no trial would reach a rung");
        }
        Experiment first = experiments.get(0);
        Tracker tracker = ExperimentRunner.tracker(first, options);
        String name = sweep.name().isEmpty() ? first.spec().experiment() + "-sweep" : sweep.name();
        StaleRuns.markDead(tracker, first.spec().experiment());
        Map<String, String> tags = new LinkedHashMap<>(Map.of("gantry.sweep", "true",
                "mlflow.source.name", first.spec().document().file().toString()));
        tags.putAll(parentTags);
        TrackingRun parent = trainsHere ? TrackerFactory.startRun(tracker, first.spec().experiment(), name, tags)
                : tracker.startRun(first.spec().experiment(), name, tags);
        parent.logParams(sweepParams(sweep, trials));
        return new Started(experiments, tracker, parent, name);
    }

    public List<Row> run(SweepSpec sweep, List<Trial> trials, RunOptions options, int parallel,
                         AtomicBoolean stop, PrintStream out) throws InterruptedException {
        Started started = start(sweep, trials, options, Map.of(), true);
        List<Experiment> experiments = started.experiments();
        Tracker tracker = started.tracker();
        TrackingRun parent = started.parent();
        Experiment first = experiments.get(0);
        LOG.info("sweep {}: {} trials, {} at a time, parent run {}", started.name(), trials.size(), parallel,
                parent.runId());

        // Trials share the machine: split the native threads between them so they do not oversubscribe.
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
        if (parallel > 1) {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
        long noiseSeed = first.spec().seed();
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                Trial trial = trials.get(i);
                Experiment experiment = experiments.get(i);
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return new Row(trial, new RunOutcome(null, RunStatus.KILLED, "", 0, "not started", Map.of()));
                    }
                    TrialContext ctx = trialContext(parent.runId(), trial.index(), trial.label(), noiseSeed,
                            sweep.scheduler(), tracker, Map.of(), parallel == 1);
                    RunOutcome outcome;
                    try {
                        outcome = runner.run(experiment, tracker, options, ctx, stop);
                    } catch (RuntimeException e) {
                        outcome = new RunOutcome(null, RunStatus.FAILED, "", 0, e.getMessage(), Map.of());
                    }
                    LOG.info("trial {}/{} {}: {}{}", trial.index(), trials.size(), trial.label(), outcome.status(),
                            outcome.error() == null ? "" : " (" + outcome.error() + ")");
                    SweepProgress.update(tracker, parent, sweep.scheduler());
                    return new Row(trial, outcome);
                }));
            }
            for (Future<Row> f : futures) {
                try {
                    rows.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        String table = SweepTable.text(rows);
        out.print(table);
        parent.logArtifact("sweep.csv", SweepTable.csv(rows).getBytes(StandardCharsets.UTF_8));
        long failed = rows.stream().filter(r -> r.outcome().status() == RunStatus.FAILED).count();
        Map<String, String> tags = new LinkedHashMap<>(SweepTable.stepTotals(rows));
        tags.put("gantry.sweep.failed_trials", Long.toString(failed));
        parent.setTags(tags);
        parent.end(stop.get() ? RunStatus.KILLED : failed == rows.size() ? RunStatus.FAILED : RunStatus.FINISHED);
        return rows;
    }

    /** How trial {@code index} of the sweep under {@code parentRunId} runs, in whatever process runs it. */
    static TrialContext trialContext(String parentRunId, int index, String label, long noiseSeed, AshaSpec scheduler,
                                     Tracker tracker, Map<String, String> extraTags, boolean progressBar) {
        Map<String, String> tags = new LinkedHashMap<>(extraTags);
        tags.put("gantry.trial", Integer.toString(index));
        return new TrialContext(parentRunId, label, noiseSeed, tags, progressBar,
                scheduler == null ? null : new AshaScheduler(scheduler, tracker, parentRunId));
    }

    private static Map<String, String> sweepParams(SweepSpec sweep, List<Trial> trials) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sweep.trials", Integer.toString(trials.size()));
        sweep.grid().forEach((k, v) -> p.put("sweep.grid." + k, v.stream().map(SweepExpander::shortValue).toList()
                .toString()));
        sweep.random().forEach((k, v) -> p.put("sweep.random." + k, v.toString()));
        if (!sweep.random().isEmpty()) {
            p.put("sweep.random.trials", Integer.toString(sweep.randomTrials()));
            p.put("sweep.random.seed", Long.toString(sweep.randomSeed()));
        }
        p.put("sweep.repeats", Integer.toString(sweep.repeats()));
        if (sweep.scheduler() != null) {
            AshaSpec a = sweep.scheduler();
            p.put("sweep.scheduler", "asha");
            p.put("sweep.scheduler.metric", a.metric());
            p.put("sweep.scheduler.mode", a.mode());
            p.put("sweep.scheduler.min_steps", Long.toString(a.minSteps()));
            p.put("sweep.scheduler.eta", Integer.toString(a.eta()));
        }
        return p;
    }
}

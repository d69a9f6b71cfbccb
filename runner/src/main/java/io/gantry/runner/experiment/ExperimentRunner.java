package io.gantry.runner.experiment;

import io.gantry.runner.backend.Backend;
import io.gantry.runner.backend.MemoryExhausted;
import io.gantry.api.DatasetContext;
import io.gantry.api.ImageSource;
import io.gantry.engine.GanNetworks;
import io.gantry.engine.LabelConditioning;
import io.gantry.engine.ModelZip;
import io.gantry.engine.GanTrainer;
import io.gantry.engine.TrainingListener;
import io.gantry.runner.GantryVersion;
import io.gantry.runner.spec.MetricDirection;
import io.gantry.tracking.AsyncTrackingRun;
import io.gantry.tracking.Metric;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.Tracker;
import io.gantry.tracking.TrackingRun;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import io.gantry.engine.TrainerState;
import io.gantry.runner.plugin.ModelFiles;
import io.gantry.tracking.ReopenedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs one experiment into one tracking run: records its provenance, loads the data, trains, and
 * ends the run FINISHED, KILLED (stop requested, e.g. Ctrl-C) or FAILED (with the error as a tag).
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private final ExperimentResolver resolver;
    private final GantryVersion version;

    @Inject
    public ExperimentRunner(ExperimentResolver resolver, GantryVersion version) {
        this.resolver = resolver;
        this.version = version;
    }

    /** The tracker the options, the spec and the environment choose, in that order. */
    public static Tracker tracker(Experiment experiment, RunOptions options) {
        return TrackerFactory.create(TrackerFactory.chooseUri(options.trackingUri(),
                experiment.spec().tracking().getString("uri"), System.getenv("MLFLOW_TRACKING_URI")));
    }

    public RunOutcome run(Experiment experiment, RunOptions options, AtomicBoolean stopRequested) {
        return run(experiment, tracker(experiment, options), options, TrialContext.standalone(), stopRequested);
    }

    public RunOutcome run(Experiment experiment, Tracker tracker, RunOptions options, TrialContext trial,
                          AtomicBoolean stopRequested) {
        GanNetworks nets = resolver.checkNetworks(experiment);
        String runName = trial.runName() != null ? trial.runName()
                : !experiment.spec().runName().isEmpty() ? experiment.spec().runName()
                : experiment.generator().spec().type() + "-" + LocalDateTime.now().format(
                        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<String, String> tags = tags(experiment);
        tags.putAll(trial.tags());
        if (trial.parentRunId() != null) {
            tags.put("mlflow.parentRunId", trial.parentRunId());
        }
        if (trial.parentRunId() == null) {
            StaleRuns.markDead(tracker, experiment.spec().experiment());
        }
        AsyncTrackingRun run = TrackerFactory.startRun(tracker, experiment.spec().experiment(), runName, tags);
        LOG.info("run {} ({}) in {}", runName, run.runId(), tracker.describe());
        // sorted: MLflow lists params in the order they were logged, so runs line up key by key
        Map<String, String> params = new java.util.TreeMap<>(experiment.flatParams());
        if (options.maxSteps() != null) {
            params.put("max_steps", options.maxSteps().toString());
        }
        run.logParams(params);
        run.logArtifact("spec.yaml", yaml(experiment.resolvedTree()).getBytes(StandardCharsets.UTF_8));

        CheckpointStore checkpoints = checkpointStore(experiment, run.runId());
        Properties resume = new Properties();
        resume.setProperty("run_id", run.runId());
        resume.setProperty("tracking_uri", tracker.uri());
        resume.setProperty("data_dir", options.dataDir().toAbsolutePath().toString());
        if (options.maxSteps() != null) {
            resume.setProperty("max_steps", options.maxSteps().toString());
        }
        if (trial.sampleNoiseSeed() != null) {
            resume.setProperty("sample_noise_seed", trial.sampleNoiseSeed().toString());
        }
        try {
            checkpoints.describeRun(yaml(experiment.resolvedTree()), resume);
        } catch (RuntimeException e) {
            return fail(run, e, new LossSummary());
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(checkpoints.runDir(), run.runId());
        } catch (RuntimeException e) {
            return fail(run, e, new LossSummary());
        }
        try (lock) {
            return train(experiment, nets, run, options, trial, stopRequested, null, 0, Map.of(), checkpoints);
        }
    }

    /**
     * Continues a run from its newest checkpoint into the same tracking run: same networks,
     * optimizer state, data order and noise streams; metrics go on at the next step.
     */
    public RunOutcome resume(Path checkpointRunDir, AtomicBoolean stopRequested, boolean progressBar) throws Exception {
        return resume(checkpointRunDir, new TrialContext(null, null, null, Map.of(), progressBar, null), stopRequested);
    }

    /**
     * Continues a run as {@link #resume(Path, AtomicBoolean, boolean)} does, as a trial of a sweep: with the
     * trial's tags added and its scheduler deciding at the rungs still ahead. The sample-grid noise seed is
     * the run's own, whatever {@code trial} says.
     */
    public RunOutcome resume(Path checkpointRunDir, TrialContext trial, AtomicBoolean stopRequested) throws Exception {
        CheckpointStore store = new CheckpointStore(checkpointRunDir, 1);
        Properties props = new Properties();
        try (var in = Files.newInputStream(checkpointRunDir.resolve("run.properties"))) {
            props.load(in);
        }
        if (store.latest().isEmpty()) {
            throw new IllegalArgumentException("no checkpoint in " + checkpointRunDir
                    + " yet: the run stopped before its first one");
        }
        // Before reading any checkpoint: a live trainer may be writing and pruning them.
        try (RunLock lock = RunLock.acquire(checkpointRunDir, props.getProperty("run_id"))) {
            return resumeLocked(checkpointRunDir, props, store, stopRequested, trial);
        }
    }

    private RunOutcome resumeLocked(Path checkpointRunDir, Properties props, CheckpointStore store,
                                    AtomicBoolean stopRequested, TrialContext trial) throws Exception {
        Experiment experiment = resolver.resolve(new io.gantry.runner.spec.SpecLoader().load(
                checkpointRunDir.resolve("spec.yaml")));
        Restored restored = newestUsable(store.newestFirst(), experiment);
        Path checkpoint = restored.checkpoint();
        TrainerState state = restored.state();
        store = checkpointStore(experiment, props.getProperty("run_id"));
        Long maxSteps = props.containsKey("max_steps") ? Long.valueOf(props.getProperty("max_steps")) : null;
        // the checkpoint's batch order holds one index per training image: an epoch budget's size in steps
        long budget = experiment.trainingConfig(maxSteps, null).totalSteps(state.permutation().length);
        if (state.step() >= budget) {
            int epochs = experiment.spec().training().getInt("epochs");
            throw new IllegalArgumentException("run " + props.getProperty("run_id") + " already trained all its "
                    + budget + " steps" + (epochs > 0 && maxSteps == null ? " (" + epochs + (epochs == 1 ? " epoch)" : " epochs)") : "")
                    + " (newest checkpoint: " + checkpoint + "): nothing to resume");
        }
        return resume(props, checkpoint, experiment, store, state, restored.nets(), maxSteps, stopRequested, trial);
    }

    /** A checkpoint read back: where it is, the trainer's state, G and D. */
    private record Restored(Path checkpoint, TrainerState state, GanNetworks nets) {
    }

    /**
     * The newest checkpoint that reads back whole. One damaged after it was written (a truncated zip, a
     * disk error) is skipped with a warning naming the file: the one before it resumes the run, and the
     * steps after it are trained again without being logged twice.
     */
    private Restored newestUsable(List<Path> newestFirst, Experiment experiment) {
        List<String> damaged = new ArrayList<>();
        for (Path checkpoint : newestFirst) {
            String file = "trainer.state";
            try {
                TrainerState state = CheckpointStore.readState(checkpoint);
                file = "generator.zip";
                var g = ModelZip.forTraining(ModelFiles.restore(checkpoint.resolve(file), resolver.plugins()));
                file = "discriminator.zip";
                var d = ModelZip.forTraining(ModelFiles.restore(checkpoint.resolve(file), resolver.plugins()));
                if (!damaged.isEmpty()) {
                    LOG.warn("resuming from {}, the newest checkpoint that reads back whole", checkpoint.getFileName());
                }
                return new Restored(checkpoint, state, new GanNetworks(g, d, experiment.imageShape(),
                        experiment.spec().latentDim()));
            } catch (Exception e) {
                String why = checkpoint.resolve(file) + " cannot be read (" + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                damaged.add(why);
                if (!truncatedOrCorrupt(e)) {
                    // e.g. a plugin class missing (--plugins-dir): every checkpoint would fail alike
                    throw new IllegalArgumentException(why, e);
                }
                // Set aside, so that pruning (which keeps the newest by name) never prefers it to newer good ones.
                Path aside = checkpoint.resolveSibling(checkpoint.getFileName() + ".damaged");
                try {
                    Files.move(checkpoint, aside);
                } catch (java.io.IOException moveFailed) {
                    aside = checkpoint;
                }
                LOG.warn("{}; set aside as {}; trying the checkpoint before it", why, aside.getFileName());
            }
        }
        throw new IllegalArgumentException("no checkpoint of this run reads back whole: " + String.join("; ", damaged));
    }

    /** A file cut short or scrambled (a disk, a copy), as opposed to a model this Gantry cannot build. */
    private static boolean truncatedOrCorrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.util.zip.ZipException
                    || t instanceof java.io.UTFDataFormatException) {
                return true;
            }
        }
        return false;
    }

    private RunOutcome resume(Properties props, Path checkpoint, Experiment experiment, CheckpointStore store,
                              TrainerState state, GanNetworks nets, Long maxSteps, AtomicBoolean stopRequested,
                              TrialContext asked) throws Exception {
        Tracker tracker = TrackerFactory.create(props.getProperty("tracking_uri"));
        ReopenedRun reopened = tracker.reopenRun(props.getProperty("run_id"));
        AsyncTrackingRun run = TrackerFactory.wrap(tracker, reopened.run(), experiment.spec().experiment(),
                "resumed " + props.getProperty("run_id"), Map.of());
        LOG.info("resuming run {} at step {} from {}", run.runId(), state.step(), checkpoint);
        Map<String, String> tags = new LinkedHashMap<>(asked.tags());
        tags.put("gantry.resumed_from_step", Long.toString(state.step()));
        run.setTags(tags);
        Long noiseSeed = props.containsKey("sample_noise_seed") ? Long.valueOf(props.getProperty("sample_noise_seed"))
                : null;
        RunOptions options = new RunOptions(maxSteps, props.getProperty("tracking_uri"),
                Path.of(props.getProperty("data_dir")));
        TrialContext trial = new TrialContext(asked.parentRunId(), asked.runName(), noiseSeed, asked.tags(),
                asked.progressBar(), asked.scheduler());
        return train(experiment, nets, run, options, trial, stopRequested, state, reopened.lastLoggedStep(),
                tracker.runSummary(run.runId()).tags(), store);
    }

    private static CheckpointStore checkpointStore(Experiment experiment, String runId) {
        var c = experiment.spec().checkpoint();
        return new CheckpointStore(Path.of(c.getString("dir")).resolve(runId), c.getInt("keep"));
    }

    private RunOutcome train(Experiment experiment, GanNetworks nets, AsyncTrackingRun run, RunOptions options,
                             TrialContext trial, AtomicBoolean stopRequested, TrainerState resumeFrom,
                             long alreadyLogged, Map<String, String> previousTags, CheckpointStore checkpoints) {
        var sampling = experiment.spec().sampling();
        List<TrainingListener> listeners = new ArrayList<>();
        StepProfile profile = new StepProfile(options.profileWarmup(), run::workerCpuNanos);
        listeners.add(profile.timing(new TrackingBridge(run, experiment.trainingConfig(null, null).sampleRows(),
                sampling.getInt("cols"), alreadyLogged)));
        LossSummary summary = new LossSummary();
        listeners.add(summary);
        ProgressReporter progress = trial.progressBar() ? new ProgressReporter() : null;
        if (progress != null) {
            listeners.add(progress);
        }
        listeners.add(profile);
        QualityEvaluator evaluator = null;
        Map<String, Double> profileValues = new LinkedHashMap<>();
        // For the sweep table: the step budget, and where a scheduler stopped the run
        Map<String, Double> budgetValues = new LinkedHashMap<>();
        try {
            ImageSource data = experiment.dataset().component().open(experiment.dataset().params(),
                    new DatasetContext(options.dataDir(), experiment.spec().pixelRange()));
            LOG.info("data: {}", data.describe());
            run.setTags(Map.of("gantry.dataset", data.describe(), "gantry.checkpoints",
                    checkpoints.runDir().toAbsolutePath().toString()));
            if (experiment.evaluates()) {
                evaluator = qualityEvaluator(experiment, options, run);
            }
            GanTrainer trainer = new GanTrainer(nets, experiment.loss().component().create(experiment.loss().params()),
                    experiment.noise().component().create(experiment.noise().params()), data,
                    experiment.trainingConfig(options.maxSteps(), trial.sampleNoiseSeed()),
                    new CompositeListener(listeners))
                    .checkpointTo(checkpoints, experiment.spec().checkpoint().getInt("every"))
                    .stopWhenSaturatedFor(experiment.spec().training().getInt("stop_if_d_saturated_for"))
                    .afterUpdates(Experiment.steps(experiment.generatorAfterUpdate()),
                            Experiment.steps(experiment.discriminatorAfterUpdate()));
            if (experiment.spec().conditionedClasses() > 0) {
                trainer.conditionedOn(conditioning(experiment, data));
            }
            if (evaluator != null) {
                var e = experiment.spec().evaluation();
                long every = e.getInt("every") > 0 ? e.getInt("every")
                        : (long) e.getInt("every_epochs") * experiment.trainingConfig(null, null).stepsPerEpoch(data.size());
                QualityEvaluator quality = evaluator;
                int samples = e.getInt("samples");
                String bestMetric = e.getString("best_metric");
                BestGenerator best = bestMetric.isEmpty() ? null : new BestGenerator(bestMetric,
                        e.getString("best_mode").equals("auto") ? MetricDirection.minimised(bestMetric).orElseThrow()
                                : e.getString("best_mode").equals("min"), run, previousTags);
                trainer.evaluateWith((step, images) -> {
                    if (progress != null) {
                        progress.evaluating(samples);
                    }
                    quality.evaluate(step, images);
                    if (best != null) {
                        best.consider(step, quality.valuesAt(step), () -> generatorFiles(trainer, nets));
                    }
                }, every);
            }
            long budget = experiment.trainingConfig(options.maxSteps(), trial.sampleNoiseSeed()).totalSteps(data.size());
            budgetValues.put("budget_steps", (double) budget);
            run.setTags(Map.of("gantry.budget_steps", Long.toString(budget)));
            if (trial.scheduler() != null) {
                QualityEvaluator quality = evaluator;
                trainer.decideAt(trial.scheduler().decisionSteps(budget), step -> {
                    Map<String, Double> latest = new LinkedHashMap<>(summary.latest());
                    if (quality != null) {
                        latest.putAll(quality.valuesAt(step));
                    }
                    boolean goOn = trial.scheduler().goOn(run.runId(), step, latest);
                    if (!goOn) {
                        budgetValues.put("stopped_at_step", (double) step);
                    }
                    return goOn;
                });
            }
            if (resumeFrom != null) {
                trainer.restore(resumeFrom);
            }
            long stepsDone = trainer.train(stopRequested::get);
            // Now, while the tracking writer thread is alive to be asked for its CPU time.
            profileValues.putAll(profile.summary());
            logProfile(run, profileValues, stepsDone);
            Map<String, byte[]> models = generatorFiles(trainer, nets);
            models.put("discriminator.zip", modelBytes(nets.discriminator()));
            models.forEach((file, bytes) -> run.logArtifact("models/" + file, bytes));
        } catch (RuntimeException | Error e) {
            return fail(run, e, summary);
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        RunStatus status = stopRequested.get() ? RunStatus.KILLED : RunStatus.FINISHED;
        run.end(status);
        if (run.fallbackLocation() != null) {
            System.err.println("tracking server unreachable: the rest of this run was saved to "
                    + run.fallbackLocation());
        }
        Map<String, Double> values = new LinkedHashMap<>(summary.values());
        values.putAll(summary.latest());
        if (evaluator != null) {
            values.putAll(evaluator.latest());
        }
        values.putAll(profileValues);
        values.putAll(budgetValues);
        return new RunOutcome(run.runId(), status, run.location(), summary.steps(), null, values);
    }

    /**
     * The run's quality evaluator, set up now: a classifier that must be trained on first use is
     * trained before the run's budget is spent, and a problem with it fails the run at its start.
     */
    private static QualityEvaluator qualityEvaluator(Experiment experiment, RunOptions options, TrackingRun run) {
        var dataset = experiment.dataset();
        var labelled = dataset.component().openLabelled(dataset.params(),
                new DatasetContext(options.dataDir(), io.gantry.api.PixelRange.UNIT))
                .orElseThrow(() -> new IllegalStateException("dataset '" + dataset.spec().type()
                        + "' said it has labels but gave none"));
        QualityEvaluator evaluator = new QualityEvaluator(experiment.metrics(), labelled,
                options.dataDir().resolve("classifiers"), experiment.spec().pixelRange(),
                experiment.spec().evaluation().getInt("samples"), run);
        evaluator.prepare();
        return evaluator;
    }

    /** The training data's classes, checked against the spec's {@code conditioning.classes}. */
    private static LabelConditioning conditioning(Experiment experiment, ImageSource data) {
        int classes = experiment.spec().conditionedClasses();
        int[] labels = data.labels().orElseThrow(() -> new IllegalArgumentException("conditioning: the data has no "
                + "labels (" + data.describe() + ")"));
        int[] seen = new int[classes];
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("conditioning.classes is " + classes + " but the data has label " + y
                        + ": set conditioning.classes to the dataset's number of classes");
            }
            seen[y]++;
        }
        for (int k = 0; k < classes; k++) {
            if (seen[k] == 0) {
                throw new IllegalArgumentException("conditioning.classes is " + classes + " but the data has no image "
                        + "of class " + k + ": set conditioning.classes to the dataset's number of classes");
            }
        }
        return new LabelConditioning(experiment.spec().conditioningKind(), classes, labels,
                experiment.spec().conditioning().getDouble("class_weight"));
    }

    /** The step-time profile as metrics at the run's last step, beside its losses. */
    private static void logProfile(TrackingRun run, Map<String, Double> profile, long step) {
        if (!profile.isEmpty()) {
            run.logMetrics(Metric.atStep(profile, step, System.currentTimeMillis()));
        }
    }

    /** Marks the run FAILED with the reason as a tag; everything logged so far stays. */
    private static RunOutcome fail(AsyncTrackingRun run, Throwable e, LossSummary summary) {
        var memory = MemoryExhausted.describe(e, run.runId(), summary.steps());
        String message = memory.orElse(FailureReason.of(e));
        run.setTags(Map.of("gantry.error", message.length() > 5000 ? message.substring(0, 5000) : message));
        run.end(RunStatus.FAILED);
        LOG.debug("run failed", e);
        if (memory.isPresent()) {
            throw new MemoryExhausted(message, e);
        }
        return new RunOutcome(run.runId(), RunStatus.FAILED, run.location(), summary.steps(), message,
                summary.values());
    }

    /**
     * G with its updater state as a DL4J model zip, and, where samples and metrics came from an EMA of G,
     * that one too: the generator a user wants to keep.
     */
    private static Map<String, byte[]> generatorFiles(GanTrainer trainer, GanNetworks nets) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("generator.zip", modelBytes(nets.generator()));
        if (trainer.samplingWeights() != null) {
            files.put("generator-ema.zip", trainer.withSamplingWeights(() -> modelBytes(nets.generator())));
        }
        return files;
    }

    private static byte[] modelBytes(io.gantry.engine.TrainableNet net) {
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            io.gantry.engine.ModelZip.write(net, out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> tags(Experiment e) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("gantry.version", version.version());
        tags.put("gantry.backend", Backend.describe());
        tags.put("gantry.backend.kind", Backend.kind());
        tags.put("gantry.backend.device", Backend.device());
        tags.put("gantry.backend.reason", Backend.reason());
        tags.put("gantry.spec.file", e.spec().document().file().toAbsolutePath().toString());
        tags.put("gantry.spec.sha256", sha256(e.spec().document().text()));
        tags.put("mlflow.source.name", e.spec().document().file().toString());
        GitCommit.of(e.spec().document().file()).ifPresent(commit -> {
            tags.put("mlflow.source.git.commit", commit);
            tags.put("gantry.spec.git_commit", commit);
        });
        for (var r : e.components()) {
            String role = r.spec().key();
            tags.put("gantry.component." + role, r.spec().type() + " (" + r.entry().pluginId() + " "
                    + r.entry().pluginVersion() + ")");
        }
        return tags;
    }

    static String yaml(Map<String, Object> tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(tree);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

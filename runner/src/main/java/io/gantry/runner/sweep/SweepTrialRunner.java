package io.gantry.runner.sweep;

import io.gantry.runner.experiment.CheckpointStore;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.ExperimentRunner;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.experiment.TrackerFactory;
import io.gantry.runner.experiment.TrialContext;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.RunSummary;
import io.gantry.tracking.Tracker;
import io.gantry.tracking.TrackingRun;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trial of a sweep folder, in whatever process an engine (a Slurm array task, a Kubernetes
 * pod) started: the first time it starts the trial's child run; started again (requeued, preempted,
 * restarted by hand) it resumes that run from its newest checkpoint; a trial that already finished is
 * left alone. The trial that ends the sweep's last unfinished trial ends the parent run.
 */
public final class SweepTrialRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepTrialRunner.class);
    private final ExperimentResolver resolver;
    private final ExperimentRunner runner;

    @Inject
    public SweepTrialRunner(ExperimentResolver resolver, ExperimentRunner runner) {
        this.resolver = resolver;
        this.runner = runner;
    }

    /**
     * @param engineTags where the engine runs it ({@code slurm.job_id}, the node, ...), tagged on the run
     */
    public RunOutcome run(SweepFolder folder, int index, Map<String, String> engineTags, AtomicBoolean stop)
            throws Exception {
        SweepFolder.Manifest m = folder.manifest();
        var spec = folder.trialSpec(index);
        Tracker tracker = TrackerFactory.create(m.trackingUri());
        Map<String, String> tags = new LinkedHashMap<>(engineTags);
        tags.put("gantry.trial.started_at", Long.toString(System.currentTimeMillis()));
        TrialContext ctx = SweepRunner.trialContext(m.parentRunId(), index, m.labels().get(index - 1),
                m.sampleNoiseSeed(), m.scheduler(), tracker, tags, false);
        RunOutcome outcome = null;
        for (RunSummary earlier : tracker.childRuns(m.parentRunId())) {
            if (!Integer.toString(index).equals(earlier.tags().get("gantry.trial"))) {
                continue;
            }
            if (earlier.status() == RunStatus.FINISHED) {
                LOG.info("trial {} already finished as run {}: nothing to do", index, earlier.runId());
                return new RunOutcome(earlier.runId(), RunStatus.FINISHED, "", earlier.lastStep(), null,
                        earlier.metrics());
            }
            String dir = earlier.tags().get("gantry.checkpoints");
            if (outcome == null && dir != null && Files.isRegularFile(Path.of(dir, "run.properties"))
                    && new CheckpointStore(Path.of(dir), 1).latest().isPresent()) {
                LOG.info("trial {}: resuming run {} from its newest checkpoint in {}", index, earlier.runId(), dir);
                outcome = runner.resume(Path.of(dir), ctx, stop);
            } else if (earlier.status() == RunStatus.RUNNING) {
                // started before, stopped before its first checkpoint: nothing to resume from
                tracker.setTagsNow(earlier.runId(), Map.of("gantry.error", "the trial was started again before "
                        + "this run wrote its first checkpoint; see the trial's newer run"));
                tracker.endRunNow(earlier.runId(), RunStatus.KILLED);
            }
        }
        if (outcome == null) {
            RunOptions options = new RunOptions(m.maxSteps(), m.trackingUri(), Path.of(m.dataDir()));
            outcome = runner.run(resolver.resolve(spec), tracker, options, ctx, stop);
        }
        LOG.info("trial {}/{} {}: {}", index, m.trials(), m.labels().get(index - 1), outcome.status());
        TrackingRun parent = tracker.attachRun(m.parentRunId());
        SweepProgress.update(tracker, parent, m.scheduler());
        endParentWhenAllEnded(tracker, parent, m);
        return outcome;
    }

    /**
     * When every trial has a FINISHED or FAILED run, the sweep is over: the parent gets the sweep table
     * and ends. Trials that end at the same moment may both do it; the result is the same.
     */
    private static void endParentWhenAllEnded(Tracker tracker, TrackingRun parent, SweepFolder.Manifest m) {
        List<SweepRunner.Row> rows = SweepTable.fromStore(tracker.childRuns(m.parentRunId()), m.labels());
        boolean allEnded = rows.stream().allMatch(r -> r.outcome().status() == RunStatus.FINISHED
                || r.outcome().status() == RunStatus.FAILED);
        if (!allEnded) {
            return;
        }
        parent.logArtifact("sweep.csv", SweepTable.csv(rows).getBytes(StandardCharsets.UTF_8));
        long failed = rows.stream().filter(r -> r.outcome().status() == RunStatus.FAILED).count();
        Map<String, String> tags = new LinkedHashMap<>(SweepTable.stepTotals(rows));
        tags.put("gantry.sweep.failed_trials", Long.toString(failed));
        parent.setTags(tags);
        parent.end(failed == rows.size() ? RunStatus.FAILED : RunStatus.FINISHED);
        LOG.info("sweep over: parent run {} ended", m.parentRunId());
    }
}

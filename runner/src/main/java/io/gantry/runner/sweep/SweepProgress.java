package io.gantry.runner.sweep;

import io.gantry.runner.schedule.AshaSpec;
import io.gantry.tracking.Metric;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.RunSummary;
import io.gantry.tracking.Tracker;
import io.gantry.tracking.TrackingRun;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep's progress as metrics of its parent run, so that the parent's row and chart in MLflow show
 * it without expanding the trials: {@code trials_ended}, and with a scheduler the best value of its
 * metric over the trials that finished so far ({@code best_fcd}), each at step = trials ended. Read
 * from the tracking store, so a trial in any process (a thread here, a Slurm array task) updates it.
 */
final class SweepProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SweepProgress.class);

    private SweepProgress() {
    }

    /** After a trial ended: logs the parent's progress metrics as the store has them now. */
    static void update(Tracker tracker, TrackingRun parent, AshaSpec scheduler) {
        List<RunSummary> children;
        try {
            children = tracker.childRuns(parent.runId());
        } catch (RuntimeException e) {
            LOG.warn("sweep progress not logged (cannot read the trials: {})", e.getMessage());
            return;
        }
        parent.logMetrics(metrics(children, scheduler, System.currentTimeMillis()));
    }

    static List<Metric> metrics(List<RunSummary> children, AshaSpec scheduler, long now) {
        int ended = (int) children.stream().filter(c -> c.status() != RunStatus.RUNNING).count();
        List<Metric> metrics = new ArrayList<>(List.of(new Metric("trials_ended", ended, ended, now)));
        if (scheduler != null) {
            double best = Double.NaN;
            for (RunSummary c : children) {
                Double v = c.status() == RunStatus.FINISHED ? c.metrics().get(scheduler.metric()) : null;
                if (v != null && !v.isNaN() && (Double.isNaN(best) || (scheduler.minimise() ? v < best : v > best))) {
                    best = v;
                }
            }
            if (!Double.isNaN(best)) {
                metrics.add(new Metric("best_" + scheduler.metric(), best, ended, now));
            }
        }
        return metrics;
    }
}

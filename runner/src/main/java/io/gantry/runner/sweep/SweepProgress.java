package io.gantry.runner.sweep;

import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.schedule.AshaSpec;
import io.gantry.tracking.Metric;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.TrackingRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep's progress as metrics of its parent run, so that the parent's row and chart in MLflow show
 * it without expanding the trials: {@code trials_ended}, and with a scheduler the best value of its
 * metric over the trials that finished so far ({@code best_fcd}), each at step = trials ended.
 */
final class SweepProgress {
    private final AshaSpec scheduler;
    private final TrackingRun parent;
    private int ended;
    private double best = Double.NaN;

    SweepProgress(AshaSpec scheduler, TrackingRun parent) {
        this.scheduler = scheduler;
        this.parent = parent;
    }

    synchronized void trialEnded(RunOutcome outcome) {
        ended++;
        long now = System.currentTimeMillis();
        List<Metric> metrics = new ArrayList<>(List.of(new Metric("trials_ended", ended, ended, now)));
        if (scheduler != null) {
            Double v = outcome.status() == RunStatus.FINISHED ? outcome.summary().get(scheduler.metric()) : null;
            if (v != null && !v.isNaN() && (Double.isNaN(best) || (scheduler.minimise() ? v < best : v > best))) {
                best = v;
            }
            if (!Double.isNaN(best)) {
                metrics.add(new Metric("best_" + scheduler.metric(), best, ended, now));
            }
        }
        parent.logMetrics(metrics);
    }
}

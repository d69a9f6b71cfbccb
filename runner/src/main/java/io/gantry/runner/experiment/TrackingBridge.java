package io.gantry.runner.experiment;

import io.gantry.engine.SampleBatch;
import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import io.gantry.tracking.Metric;
import io.gantry.tracking.TrackingRun;
import java.util.Map;

/** Forwards the engine's events to a tracking run (which queues them: see AsyncTrackingRun). */
final class TrackingBridge implements TrainingListener {
    private final TrackingRun run;
    private final int rows;
    private final int cols;

    private final long alreadyLogged;

    /** @param alreadyLogged steps up to here are recorded already (a resumed run): not logged again */
    TrackingBridge(TrackingRun run, int rows, int cols, long alreadyLogged) {
        this.alreadyLogged = alreadyLogged;
        this.run = run;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public void stepCompleted(long step, int epoch, StepMetrics metrics) {
        if (step <= alreadyLogged) {
            return;
        }
        Map<String, Double> values = metrics.asMap();
        values.put("epoch", (double) epoch + 1); // 1 in the first epoch, as the progress line says
        run.logMetrics(Metric.atStep(values, step, System.currentTimeMillis()));
    }

    @Override
    public void samplesGenerated(long step, SampleBatch samples) {
        if (step <= alreadyLogged && step > 0) {
            return;
        }
        run.logImage("samples", step, SampleGridPng.render(samples, rows, cols));
    }
}

package io.gantry.runner.experiment;

import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The terminal progress bar: step, epoch, losses and throughput. */
final class ProgressReporter implements TrainingListener, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void started(long totalSteps, int stepsPerEpoch) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setMaxRenderedLength(120).build();
    }

    @Override
    public void stepCompleted(long step, int epoch, StepMetrics m) {
        bar.stepTo(step);
        boolean probability = m.readout() == io.gantry.api.CriticReadout.PROBABILITY;
        bar.setExtraMessage(String.format("ep %d d %.3f g %.3f %s %.2f %s %.2f %.0f img/s", epoch + 1,
                m.dLoss(), m.gLoss(), probability ? "D(x)" : "C(x)", m.dReal(), probability ? "D(G(z))" : "C(G(z))",
                m.dFake(), m.imagesPerSec()));
    }

    /** Says what runs while the bar stands still: the next step's figures replace it. */
    void evaluating(int samples) {
        if (bar != null) {
            bar.setExtraMessage(String.format("evaluating quality on %,d generated images ...", samples));
        }
    }

    @Override
    public void finished(long stepsDone, boolean stoppedEarly) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

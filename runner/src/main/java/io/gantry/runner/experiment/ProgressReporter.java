package io.gantry.runner.experiment;

import io.gantry.core.train.StepMetrics;
import io.gantry.core.train.TrainingListener;
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
        bar.setExtraMessage(String.format("ep %d d %.3f g %.3f D(x) %.2f D(G(z)) %.2f %.0f img/s", epoch + 1,
                m.dLoss(), m.gLoss(), m.dReal(), m.dFake(), m.imagesPerSec()));
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

package io.gantry.runner.experiment;

import io.gantry.engine.SampleBatch;
import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import java.util.List;

/** Hands every engine event to several listeners, in order. */
final class CompositeListener implements TrainingListener {
    private final List<TrainingListener> listeners;

    CompositeListener(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void started(long totalSteps, int stepsPerEpoch) {
        listeners.forEach(l -> l.started(totalSteps, stepsPerEpoch));
    }

    @Override
    public void stepCompleted(long step, int epoch, StepMetrics metrics) {
        listeners.forEach(l -> l.stepCompleted(step, epoch, metrics));
    }

    @Override
    public void samplesGenerated(long step, SampleBatch samples) {
        listeners.forEach(l -> l.samplesGenerated(step, samples));
    }

    @Override
    public void finished(long stepsDone, boolean stoppedEarly) {
        listeners.forEach(l -> l.finished(stepsDone, stoppedEarly));
    }
}

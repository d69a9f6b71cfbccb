package io.gantry.engine;

/**
 * Receives what the engine does, in order, on the training thread. Implementations must return
 * quickly (hand work to another thread): the engine waits for them.
 */
public interface TrainingListener {

    default void started(long totalSteps, int stepsPerEpoch) {
    }

    default void stepCompleted(long step, int epoch, StepMetrics metrics) {
    }

    default void samplesGenerated(long step, SampleBatch samples) {
    }

    /** Called once at the end of a run that was not interrupted by an exception. */
    default void finished(long stepsDone, boolean stoppedEarly) {
    }
}

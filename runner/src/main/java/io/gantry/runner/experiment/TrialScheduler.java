package io.gantry.runner.experiment;

import java.util.List;
import java.util.Map;

/** Decides, at the steps it names, whether a trial of a sweep goes on (early stopping). */
public interface TrialScheduler {

    /** The steps to decide at, for a trial whose budget is {@code totalSteps}. */
    List<Long> decisionSteps(long totalSteps);

    /** Whether the decision needs the quality metrics evaluated at the step, not only the losses. */
    boolean needsQualityMetrics();

    /**
     * Decides at {@code step}; may tag the run with why.
     *
     * @param latest the run's newest values by metric name (losses of the step, quality metrics just evaluated)
     * @return false to end training now, FINISHED, with a checkpoint
     */
    boolean goOn(String runId, long step, Map<String, Double> latest);
}

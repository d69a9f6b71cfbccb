package io.gantry.tracking;

/**
 * A run set back to RUNNING to be continued, and the last step it has metrics for: steps up to
 * that one are already recorded and must not be logged twice.
 */
public record ReopenedRun(TrackingRun run, long lastLoggedStep) {
}

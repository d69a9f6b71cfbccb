package io.gantry.runner.experiment;

import io.gantry.tracking.RunStatus;

/** How a run ended and where to find it. */
public record RunOutcome(String runId, RunStatus status, String location, long steps, String error) {
}

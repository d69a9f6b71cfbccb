package io.gantry.runner.experiment;

import java.nio.file.Path;

/**
 * Command-line settings of one run that are not part of the spec.
 *
 * @param profileWarmup steps the step-time profile leaves out (null: a tenth of the run, at most 50)
 */
public record RunOptions(Long maxSteps, String trackingUri, Path dataDir, Integer profileWarmup) {

    public RunOptions(Long maxSteps, String trackingUri, Path dataDir) {
        this(maxSteps, trackingUri, dataDir, null);
    }
}

package io.gantry.runner.experiment;

import java.nio.file.Path;

/** Command-line settings of one run that are not part of the spec. */
public record RunOptions(Long maxSteps, String trackingUri, Path dataDir) {
}

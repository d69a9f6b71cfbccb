package io.gantry.runner.cli;

import io.gantry.runner.sample.GeneratorSource;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --weights last|best}: which of a run's saved generators a command reads. */
final class WeightsOption {
    @Option(names = "--weights", paramLabel = "last|best",
            description = "Which of the run's generators: last (models/), or best (best/: at the evaluation where "
                    + "the spec's evaluation.best_metric was best). Default: best where the run kept one, else last.")
    String weights;

    /** The choice; null when not given. */
    GeneratorSource.Weights chosen() {
        if (weights == null) {
            return null;
        }
        return switch (weights.toLowerCase(Locale.ROOT)) {
            case "last" -> GeneratorSource.Weights.LAST;
            case "best" -> GeneratorSource.Weights.BEST;
            default -> throw new IllegalArgumentException("--weights " + weights + ": allowed values are last and best");
        };
    }
}

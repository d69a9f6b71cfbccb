package io.gantry.runner.sample;

import io.gantry.tracking.ModelVersion;
import io.gantry.tracking.Tracker;

/**
 * Which saved generator a command means: a run and the artifact folder G is in, {@code models/} (the
 * last G) or {@code best/} (the G at the run's best evaluation, kept when the spec sets
 * {@code evaluation.best_metric}).
 */
public record GeneratorSource(String runId, String folder) {
    static final String LAST = "models";
    static final String BEST = "best";

    /** Which of a run's generators {@code --weights} asks for. */
    public enum Weights { LAST, BEST }

    /**
     * {@code RUN_ID} or {@code models:/NAME/VERSION} ({@code VERSION} may be {@code latest}). Of a run id,
     * {@code weights} chooses; null takes the best G where the run kept one, else the last. A model
     * version is the generator it was registered with.
     */
    public static GeneratorSource of(String target, Weights weights, Tracker tracker) {
        if (target.startsWith("models:/")) {
            if (weights != null) {
                throw new IllegalArgumentException("--weights chooses among a run's generators; " + target + " is the "
                        + "one generator it was registered with: leave --weights out, or give the run id");
            }
            ModelVersion version = version(target, tracker);
            String source = version.source().replaceAll("/+$", "");
            return new GeneratorSource(version.runId(), source.substring(source.lastIndexOf('/') + 1));
        }
        tracker.runSummary(target);
        boolean keptBest = tracker.hasArtifact(target, BEST + "/generator.zip");
        if (weights == Weights.BEST && !keptBest) {
            throw new IllegalArgumentException("run " + target + " kept no best generator (" + BEST + "/generator.zip): "
                    + "set evaluation.best_metric (e.g. fcd) and best_mode in a run's spec to keep one; --weights last "
                    + "takes this run's last generator");
        }
        return new GeneratorSource(target, weights == Weights.LAST || !keptBest ? LAST : BEST);
    }

    private static ModelVersion version(String target, Tracker tracker) {
        String[] parts = target.substring("models:/".length()).split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("'" + target + "' is not a model URI: expected models:/NAME/VERSION "
                    + "(VERSION a number or latest)");
        }
        return tracker.modelVersion(parts[0], parts[1]);
    }

    /** What a person reads: {@code best/generator.zip of run ID}. */
    public String describe(String file) {
        return folder + "/" + file + " of run " + runId;
    }
}

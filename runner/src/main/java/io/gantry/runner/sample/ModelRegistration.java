package io.gantry.runner.sample;

import io.gantry.tracking.ModelVersion;
import io.gantry.tracking.Tracker;

/**
 * A run's generator as a version of a model in MLflow's Model Registry: its {@code models/} folder (last G)
 * or {@code best/} (G at its best evaluation).
 */
public final class ModelRegistration {
    private ModelRegistration() {
    }

    /** Registers the generator {@code weights} chooses ({@link GeneratorSource#of}; null: best if kept, else last). */
    public static ModelVersion register(Tracker tracker, String runId, String name, GeneratorSource.Weights weights) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model name is needed, e.g. mnist-gan");
        }
        if (runId.startsWith("models:/")) {
            throw new IllegalArgumentException("'" + runId + "' is already a registered model: register a run id");
        }
        GeneratorSource source = GeneratorSource.of(runId, weights, tracker);
        if (!tracker.hasArtifact(runId, source.folder() + "/" + TrainedGenerator.PLAIN)) {
            throw TrainedGenerator.noGenerator(source);
        }
        return tracker.registerModel(name, runId, source.folder());
    }

    /** What a person reads after registering, with the command that uses it. */
    public static String describe(ModelVersion v) {
        boolean best = v.source().replaceAll("/+$", "").endsWith("/" + GeneratorSource.BEST);
        return "registered run " + v.runId() + " as " + v.uri() + " (version " + v.version() + " of '" + v.name()
                + "': its " + (best ? "best generator, best/" : "last generator, models/") + "); draw from it: "
                + "./gantry sample " + v.uri() + " --out samples.png";
    }
}

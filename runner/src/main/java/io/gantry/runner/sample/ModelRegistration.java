package io.gantry.runner.sample;

import io.gantry.tracking.ModelVersion;
import io.gantry.tracking.Tracker;

/** A run's generator as a version of a model in MLflow's Model Registry: its {@code models/} folder. */
public final class ModelRegistration {
    private ModelRegistration() {
    }

    public static ModelVersion register(Tracker tracker, String runId, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model name is needed, e.g. mnist-gan");
        }
        tracker.runSummary(runId);
        if (tracker.readArtifact(runId, TrainedGenerator.LAST).isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no saved generator (" + TrainedGenerator.LAST
                    + ") to register: only runs that ended, FINISHED or stopped, save one");
        }
        return tracker.registerModel(name, runId, "models");
    }

    /** What a person reads after registering, with the command that uses it. */
    public static String describe(ModelVersion v) {
        return "registered run " + v.runId() + " as " + v.uri() + " (version " + v.version() + " of '" + v.name()
                + "'); draw from it: ./gantry sample " + v.uri() + " --out samples.png";
    }
}

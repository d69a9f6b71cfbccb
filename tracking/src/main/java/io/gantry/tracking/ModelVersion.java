package io.gantry.tracking;

/** One version of a model in MLflow's Model Registry and the run whose artifacts it is. */
public record ModelVersion(String name, String version, String runId, String source) {

    /** {@code models:/NAME/VERSION}, as MLflow writes it. */
    public String uri() {
        return "models:/" + name + "/" + version;
    }
}

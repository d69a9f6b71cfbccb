package io.gantry.runner.experiment;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend is loaded, in words, and its initialisation (before any plugin loads). */
public final class Backend {
    private Backend() {
    }

    /** Loads ND4J's backend in the host class loader; plugins then share it. */
    public static String initialise() {
        Nd4j.create(1);
        return describe();
    }

    public static String describe() {
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        String kind = cls.toLowerCase().contains("cpu") ? "CPU" : cls.toLowerCase().contains("cu") ? "CUDA" : cls;
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object blas = env.get("blas.vendor");
        return kind + " (" + cls + (blas != null ? ", BLAS " + blas : "") + ", "
                + Nd4j.getExecutioner().getClass().getSimpleName() + ")";
    }

    public static String kind() {
        String cls = Nd4j.getBackend().getClass().getSimpleName().toLowerCase();
        return cls.contains("cpu") ? "CPU" : "CUDA";
    }
}

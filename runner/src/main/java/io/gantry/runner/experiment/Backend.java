package io.gantry.runner.experiment;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend is loaded, in words, and its initialisation (before any plugin loads). */
public final class Backend {
    private Backend() {
    }

    /** The switch DL4J M2.1 reads before using oneDNN (CPU) or cuDNN (CUDA) layer helpers; off by default. */
    static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    /**
     * JavaCPP's guard against native memory growth. Above 0, every native pointer it allocates (ND4J
     * makes several per op for shapes and arguments) reads the process size from /proc first, to
     * force a GC past the limit: 5-8% of an MLP seed's step in a profile, and turned off, median step
     * -18% (seed 000 baseline), -20% (002), -9% (004) (bench/NOTES.md, entry 24). Off-heap arrays are
     * still freed: training arrays live in ND4J's workspaces, others when the GC collects their
     * owners, which a 1 GB heap does often.
     */
    static final String JAVACPP_MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /**
     * Loads ND4J's backend in the host class loader (plugins then share it) and lets DL4J use the
     * backend's layer helpers unless the user said otherwise ({@code -D...helpers.disable=true});
     * JavaCPP's per-allocation memory check is off unless the user sets a limit
     * ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=8g}). Both must be set before ND4J loads.
     */
    public static String initialise() {
        if (System.getProperty(HELPERS_DISABLED) == null) {
            System.setProperty(HELPERS_DISABLED, "false");
        }
        if (System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(JAVACPP_MAX_PHYSICAL_BYTES, "0");
        }
        Nd4j.create(1);
        return describe();
    }

    public static String describe() {
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        String kind = cls.toLowerCase().contains("cpu") ? "CPU" : cls.toLowerCase().contains("cu") ? "CUDA" : cls;
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object blas = env.get("blas.vendor");
        return kind + " (" + cls + (blas != null ? ", BLAS " + blas : "") + ", "
                + Nd4j.getExecutioner().getClass().getSimpleName() + (oneDnn() ? ", oneDNN helpers" : "") + ")";
    }

    /** Whether DL4J's layers will use oneDNN: the natives have it and the helpers are allowed. */
    public static boolean oneDnn() {
        try {
            return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED, "true"))
                    && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String kind() {
        String cls = Nd4j.getBackend().getClass().getSimpleName().toLowerCase();
        return cls.contains("cpu") ? "CPU" : "CUDA";
    }
}

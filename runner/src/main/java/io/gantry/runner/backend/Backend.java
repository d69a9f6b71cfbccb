package io.gantry.runner.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
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

    private static BackendChoice choice;

    /**
     * Chooses the backend ({@link BackendRequest}, {@link BackendChoice}), shows ND4J only that one, and
     * loads it in the host class loader (plugins then share it); DL4J uses the backend's layer helpers
     * unless the user said otherwise ({@code -D...helpers.disable=true}); JavaCPP's per-allocation
     * memory check is off unless the user sets a limit ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=8g}).
     * All of it must happen before ND4J loads. Prints the fallback notice, once.
     *
     * @throws BackendUnavailableException with one line saying what is missing
     */
    public static synchronized String initialise() {
        if (choice == null) {
            BackendChoice chosen = choose(System.getenv());
            load(chosen);
            choice = chosen;
            chosen.notice().ifPresent(n -> System.err.println("gantry: " + n));
        }
        return describe();
    }

    static BackendChoice choose(Map<String, String> environment) {
        BackendRequest request = BackendRequest.from(environment);
        boolean gpuInBuild = GpuProbe.inBuild();
        Optional<String> gpuProblem = request == BackendRequest.CPU || !gpuInBuild ? Optional.empty() : GpuProbe.problem();
        BackendChoice chosen = BackendChoice.decide(request, gpuInBuild, gpuProblem);
        if (chosen.kind() == BackendChoice.Kind.CPU) {
            if (!GpuProbe.present(GpuProbe.CPU_BACKEND)) {
                throw new BackendUnavailableException("this build has no CPU backend (nd4j-native) and " + chosen.reason()
                        + ": rebuild without -Pcuda, or with the cuda profile of this version's runner/pom.xml");
            }
            CpuFeatures.problemHere().ifPresent(p -> {
                throw new BackendUnavailableException(p);
            });
        }
        return chosen;
    }

    private static void load(BackendChoice chosen) {
        if (System.getProperty(HELPERS_DISABLED) == null) {
            System.setProperty(HELPERS_DISABLED, "false");
        }
        if (System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(JAVACPP_MAX_PHYSICAL_BYTES, "0");
        }
        String backendClass = chosen.kind() == BackendChoice.Kind.GPU ? GpuProbe.GPU_BACKEND : GpuProbe.CPU_BACKEND;
        ND4JClassLoading.setNd4jClassloader(new OneBackendClassLoader(Backend.class.getClassLoader(), backendClass));
        try {
            Nd4j.create(1);
        } catch (Throwable e) {
            String cause = GpuProbe.rootMessage(e);
            throw new BackendUnavailableException("ND4J's " + chosen.kind() + " backend did not load: "
                    + (chosen.kind() == BackendChoice.Kind.GPU ? GpuProblem.explain(cause)
                            + " (GANTRY_BACKEND=cpu trains on the CPU instead)" : cause));
        }
    }

    public static String describe() {
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object blas = env.get("blas.vendor");
        return kind() + " (" + cls + (blas != null ? ", BLAS " + blas : "") + ", "
                + Nd4j.getExecutioner().getClass().getSimpleName() + (oneDnn() ? ", oneDNN helpers" : "") + ") on "
                + device();
    }

    /** Why this backend: the request, or what ruled the GPU out. */
    public static String reason() {
        return choice == null ? "loaded before Gantry chose" : choice.reason();
    }

    /** What the backend computes on: the CPU's model, or each GPU's name and memory as ND4J reports them. */
    @SuppressWarnings("unchecked")
    public static String device() {
        if (Nd4j.getEnvironment().isCPU()) {
            return CpuFeatures.describeHere();
        }
        Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (!(devices instanceof List<?> list) || list.isEmpty()) {
            return "GPU";
        }
        return ((List<Map<String, Object>>) list).stream().map(d -> d.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)
                + (d.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY) instanceof Number m
                        ? String.format(" (%.1f GiB)", m.doubleValue() / (1L << 30)) : ""))
                .collect(Collectors.joining(", "));
    }

    /** Whether DL4J's layers will use oneDNN: the CPU backend's natives have it and the helpers are allowed. */
    public static boolean oneDnn() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        try {
            return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED, "true"))
                    && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String kind() {
        return Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA";
    }
}

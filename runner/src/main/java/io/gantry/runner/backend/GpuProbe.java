package io.gantry.runner.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * Asks the machine, before ND4J loads, whether its CUDA backend could run: each library it links
 * against, then the device count. Every missing library is found the same way ND4J would meet it
 * (dlopen by name), without ND4J's stack trace, and named.
 */
final class GpuProbe {
    static final String GPU_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    private GpuProbe() {
    }

    static boolean inBuild() {
        return present(GPU_BACKEND);
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, GpuProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Why the GPU cannot run here, in the loader's or CUDA's words; empty when it can. */
    static Optional<String> problem() {
        try {
            Loader.load(org.bytedeco.javacpp.presets.javacpp.class);
            for (CudaLibrary library : CudaLibrary.values()) {
                try {
                    Loader.loadGlobal(library.soname());
                } catch (UnsatisfiedLinkError e) {
                    return Optional.of(e.getMessage());
                }
            }
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
            int[] count = {0};
            int error = (Integer) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) count);
            return Optional.ofNullable(GpuProblem.ofDeviceCount(error, count[0]));
        } catch (InvocationTargetException e) {
            return Optional.of(rootMessage(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.of(rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}

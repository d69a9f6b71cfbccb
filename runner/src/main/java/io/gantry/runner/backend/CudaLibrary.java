package io.gantry.runner.backend;

import java.util.List;
import java.util.Optional;

/**
 * The shared libraries ND4J's CUDA 11.6 backend links against (readelf on libnd4jcuda.so and
 * libjnicudart.so of nd4j-cuda-11.6 1.0.0-M2.1), each with what provides it. cuDNN is not among them:
 * that backend does not use it, only DL4J's separate cuDNN helpers would.
 */
public enum CudaLibrary {
    DRIVER("libcuda.so.1", "the NVIDIA driver",
            "install an NVIDIA driver that supports CUDA 11.6 (>= 450.80.02; 510.39.01 or newer recommended)"),
    RUNTIME("libcudart.so.11.0", "the CUDA 11.6 runtime",
            "install the CUDA 11.6 toolkit and put its lib64 folder on LD_LIBRARY_PATH"),
    CUBLAS("libcublas.so.11", "CUDA 11's cuBLAS",
            "install the CUDA 11.6 toolkit and put its lib64 folder on LD_LIBRARY_PATH"),
    CUSOLVER("libcusolver.so.11", "CUDA 11's cuSOLVER",
            "install the CUDA 11.6 toolkit and put its lib64 folder on LD_LIBRARY_PATH");

    private final String soname;
    private final String providedBy;
    private final String fix;

    CudaLibrary(String soname, String providedBy, String fix) {
        this.soname = soname;
        this.providedBy = providedBy;
        this.fix = fix;
    }

    public String soname() {
        return soname;
    }

    /** "the NVIDIA driver (libcuda.so.1) is not installed: install ..." */
    public String missing() {
        return providedBy + " (" + soname + ") cannot be loaded: " + fix;
    }

    /** The library a loader's message (dlerror's, or ND4J's wrapping of it) says it could not open. */
    public static Optional<CudaLibrary> namedIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        return List.of(values()).stream().filter(l -> message.contains(l.soname + ": cannot open")).findFirst();
    }
}

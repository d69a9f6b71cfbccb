package io.gantry.runner.backend;

import java.util.Map;

/** Turns what the dynamic loader, CUDA or ND4J said about the GPU into what is missing and how to fix it. */
public final class GpuProblem {
    private GpuProblem() {
    }

    /** Errors cudaGetDeviceCount answers on a machine where the libraries load but the GPU does not work. */
    private static final Map<Integer, String> CUDA_ERRORS = Map.of(
            3, "CUDA could not initialise (cudaErrorInitializationError): check that nvidia-smi works",
            34, "libcuda.so.1 is the CUDA toolkit's stub, not a driver (cudaErrorStubLibrary): install an NVIDIA "
                    + "driver, or take the toolkit's stubs folder off LD_LIBRARY_PATH",
            35, "the NVIDIA driver is older than CUDA 11.6 needs (cudaErrorInsufficientDriver): install a driver "
                    + ">= 450.80.02 (510.39.01 or newer recommended)",
            100, "the NVIDIA driver sees no CUDA device (cudaErrorNoDevice): check nvidia-smi and CUDA_VISIBLE_DEVICES");

    /** The reason for a loader's or ND4J's message: the missing library by name where the message has one. */
    public static String explain(String message) {
        var library = CudaLibrary.namedIn(message);
        if (library.isPresent()) {
            return library.get().missing();
        }
        if (message != null && message.contains("No CUDA devices were found")) {
            return CUDA_ERRORS.get(100);
        }
        return message == null || message.isBlank() ? "ND4J's CUDA backend did not load (no reason given)" : message;
    }

    /** The reason for cudaGetDeviceCount's answer: an error code, or success with no devices. */
    public static String ofDeviceCount(int error, int devices) {
        if (error != 0) {
            return CUDA_ERRORS.getOrDefault(error, "cudaGetDeviceCount failed with CUDA error " + error);
        }
        return devices <= 0 ? CUDA_ERRORS.get(100) : null;
    }
}

package io.gantry.runner.backend;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run that ran out of memory, host or GPU, said in one line with what to change. Thrown after the
 * run is marked FAILED (everything it logged stays): the fix is in the settings, so it exits 2.
 */
public final class MemoryExhausted extends RuntimeException {
    /** JavaCPP's, ND4J's (CPU and CUDA) and the JVM's words for an allocation that could not be made. */
    private static final Pattern HOST = Pattern.compile(
            "Cannot allocate new \\w+Pointer|Failed to allocate memory within limits|Physical memory usage is too high"
                    + "|Java heap space|Direct buffer memory");
    private static final Pattern DEVICE = Pattern.compile(
            "cudaErrorMemoryAllocation|bytes from DEVICE|CUDA_ERROR_OUT_OF_MEMORY|cudaMalloc.*out of memory");

    public MemoryExhausted(String message, Throwable cause) {
        super(message, cause);
    }

    /** The one line for {@code failure} if it is an exhausted memory, else empty. */
    public static Optional<String> describe(Throwable failure, String runId, long step) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            boolean device = DEVICE.matcher(text).find();
            if (device || HOST.matcher(text).find() || e instanceof OutOfMemoryError) {
                String first = text.lines().findFirst().orElse(text);
                return Optional.of("run " + runId + " ran out of " + (device ? "GPU" : "host") + " memory at step "
                        + step + " (" + first + "): lower training.batch_size or the model's width, or give it more"
                        + (device ? " (a larger GPU)" : " (GANTRY_JAVA_OPTS: -Xmx for the heap, "
                                + "-Dorg.bytedeco.javacpp.maxBytes for ND4J's off-heap arrays)")
                        + "; the run is marked FAILED and keeps what it logged");
            }
        }
        return Optional.empty();
    }
}

package io.gantry.runner.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryExhaustedTest {
    @Test
    void javacppsLimitIsHostMemoryWithTheSettingToRaise() {
        // what JavaCPP 1.5.7 throws when ND4J asks for more off-heap memory than maxBytes allows
        OutOfMemoryError limit = new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (612M) + "
                + "size (94M) > maxBytes (600M)");
        var e = new RuntimeException("Cannot allocate new FloatPointer(24000000): totalBytes = 612M, physicalBytes = 1G",
                limit);
        assertThat(MemoryExhausted.describe(e, "abc", 12)).hasValue("run abc ran out of host memory at step 12 (Cannot "
                + "allocate new FloatPointer(24000000): totalBytes = 612M, physicalBytes = 1G): lower "
                + "training.batch_size or the model's width, or give it more (GANTRY_JAVA_OPTS: -Xmx for the heap, "
                + "-Dorg.bytedeco.javacpp.maxBytes for ND4J's off-heap arrays); the run is marked FAILED and keeps "
                + "what it logged");
        assertThat(MemoryExhausted.describe(new OutOfMemoryError("Java heap space"), "abc", 1)).isPresent();
    }

    @Test
    void cudasAllocationFailuresAreGpuMemory() {
        // ND4J's CUDA memory manager, and libnd4j's CUDA error, for a device allocation that failed
        var nd4j = new IllegalStateException("Failed to allocate [402653184] bytes from DEVICE [0] memory");
        assertThat(MemoryExhausted.describe(nd4j, "r", 3)).hasValueSatisfying(
                m -> assertThat(m).startsWith("run r ran out of GPU memory at step 3").contains("(a larger GPU)"));
        var libnd4j = new RuntimeException("cudaMalloc failed; Error code: [2]; cudaErrorMemoryAllocation");
        assertThat(MemoryExhausted.describe(new RuntimeException("op failed", libnd4j), "r", 3)).isPresent();
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        assertThat(MemoryExhausted.describe(new IllegalStateException("NaN in d_loss"), "r", 3)).isEmpty();
        assertThat(MemoryExhausted.describe(new OutOfMemoryError(), "r", 3)).hasValueSatisfying(
                m -> assertThat(m).startsWith("run r ran out of host memory at step 3 ()"));
    }
}

package io.gantry.runner.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {
    /** What JavaCPP reports when ND4J's CUDA backend loads on a machine without the NVIDIA driver. */
    static final String NO_DRIVER = "/root/.javacpp/cache/cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/bytedeco/cuda/"
            + "linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory";
    /** With a driver but no CUDA 11 toolkit. */
    static final String NO_CUBLAS = "libcublas.so.11: cannot open shared object file: No such file or directory";
    /** JCublasBackend.canRun on a machine whose driver sees no device. */
    static final String NO_DEVICE = "java.lang.RuntimeException: No CUDA devices were found in system";

    @Test
    void autoFallsBackToTheCpuWithOneLineNamingTheMissingLibrary() {
        BackendChoice c = BackendChoice.decide(BackendRequest.AUTO, true, Optional.of(NO_DRIVER));
        assertThat(c.kind()).isEqualTo(BackendChoice.Kind.CPU);
        assertThat(c.notice()).hasValueSatisfying(n -> assertThat(n).startsWith("no usable GPU, training on the CPU: "
                + "the NVIDIA driver (libcuda.so.1) cannot be loaded: install an NVIDIA driver").doesNotContain("\n"));
        assertThat(c.reason()).contains("libcuda.so.1");

        assertThat(BackendChoice.decide(BackendRequest.AUTO, true, Optional.of(NO_CUBLAS)).notice())
                .hasValueSatisfying(n -> assertThat(n).contains("CUDA 11's cuBLAS (libcublas.so.11) cannot be loaded"));
        assertThat(BackendChoice.decide(BackendRequest.AUTO, true, Optional.of(NO_DEVICE)).notice())
                .hasValueSatisfying(n -> assertThat(n).contains("sees no CUDA device"));
    }

    @Test
    void requiringTheGpuWhereItCannotRunIsAnErrorThatSaysWhatIsMissing() {
        assertThatThrownBy(() -> BackendChoice.decide(BackendRequest.GPU, true, Optional.of(NO_DRIVER)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("GANTRY_BACKEND=gpu, but the GPU cannot run here: the NVIDIA driver "
                        + "(libcuda.so.1) cannot be loaded");
        assertThatThrownBy(() -> BackendChoice.decide(BackendRequest.GPU, false, Optional.empty()))
                .hasMessage("GANTRY_BACKEND=gpu, but this build has no GPU backend: build with -Pcuda "
                        + "(GANTRY_MAVEN_ARGS=-Pcuda ./gantry ...)");
        assertThatThrownBy(() -> BackendChoice.decide(BackendRequest.GPU, true,
                Optional.ofNullable(GpuProblem.ofDeviceCount(35, 0))))
                .hasMessageContaining("older than CUDA 11.6 needs (cudaErrorInsufficientDriver)");
    }

    @Test
    void aWorkingGpuIsTakenUnlessTheCpuIsAsked() {
        assertThat(BackendChoice.decide(BackendRequest.AUTO, true, Optional.empty()).kind())
                .isEqualTo(BackendChoice.Kind.GPU);
        assertThat(BackendChoice.decide(BackendRequest.GPU, true, Optional.empty()).kind())
                .isEqualTo(BackendChoice.Kind.GPU);
        BackendChoice cpu = BackendChoice.decide(BackendRequest.CPU, true, Optional.empty());
        assertThat(cpu.kind()).isEqualTo(BackendChoice.Kind.CPU);
        assertThat(cpu.notice()).isEmpty();
        // a CPU-only build says nothing: there was no GPU to want
        BackendChoice cpuBuild = BackendChoice.decide(BackendRequest.AUTO, false, Optional.empty());
        assertThat(cpuBuild.kind()).isEqualTo(BackendChoice.Kind.CPU);
        assertThat(cpuBuild.notice()).isEmpty();
    }

    @Test
    void theRequestComesFromTheEnvironment() {
        assertThat(BackendRequest.from(Map.of())).isEqualTo(BackendRequest.AUTO);
        assertThat(BackendRequest.from(Map.of("GANTRY_BACKEND", " GPU"))).isEqualTo(BackendRequest.GPU);
        assertThatThrownBy(() -> BackendRequest.from(Map.of("GANTRY_BACKEND", "cuda")))
                .hasMessage("GANTRY_BACKEND=cuda is not a backend; allowed: auto, cpu, gpu");
    }

    @Test
    void deviceCountAnswersAreExplained() {
        assertThat(GpuProblem.ofDeviceCount(0, 2)).isNull();
        assertThat(GpuProblem.ofDeviceCount(0, 0)).contains("cudaErrorNoDevice");
        assertThat(GpuProblem.ofDeviceCount(34, 0)).contains("stub");
        assertThat(GpuProblem.ofDeviceCount(999, 0)).isEqualTo("cudaGetDeviceCount failed with CUDA error 999");
        assertThat(GpuProblem.explain("something new")).isEqualTo("something new");
    }
}

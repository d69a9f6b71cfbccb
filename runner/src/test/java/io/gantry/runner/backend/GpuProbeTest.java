package io.gantry.runner.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuProbeTest {
    @Test
    void onAMachineWithoutTheDriverTheProbeNamesLibcuda() {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver");
        assertThat(GpuProbe.problem()).hasValueSatisfying(p -> assertThat(GpuProblem.explain(p))
                .startsWith("the NVIDIA driver (libcuda.so.1) cannot be loaded"));
    }

    @Test
    void nd4jSeesOnlyTheChosenBackendsServiceEntry() throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        List<URL> all = Collections.list(parent.getResources(OneBackendClassLoader.SERVICE));
        assertThat(all).isNotEmpty();
        assertThat(Collections.list(new OneBackendClassLoader(parent, GpuProbe.CPU_BACKEND)
                .getResources(OneBackendClassLoader.SERVICE))).hasSize(1);
        assertThat(Collections.list(new OneBackendClassLoader(parent, GpuProbe.GPU_BACKEND)
                .getResources(OneBackendClassLoader.SERVICE))).isEmpty();
        assertThat(new OneBackendClassLoader(parent, GpuProbe.GPU_BACKEND).loadClass(GpuProbe.CPU_BACKEND))
                .isSameAs(Class.forName(GpuProbe.CPU_BACKEND));
    }
}

package io.gantry.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void twinsRunOnlyOnTheDl4jVersionTheyWereWrittenFor() {
        assertThat(Kernels.pinnedVersion()).as("filled in by the build").isEqualTo("1.0.0-M2.1");
        assertThat(Kernels.runtimeVersion()).isEqualTo("1.0.0-M2.1");
        assertThat(Kernels.decide("1.0.0-M2.1", "1.0.0-M2.1", "on")).isTrue();
        assertThat(Kernels.decide("1.0.0-M2.1", "1.0.0-M3", "on")).isFalse();
        assertThat(Kernels.decide("1.0.0-M2.1", null, "on")).isFalse();
        assertThat(Kernels.decide("1.0.0-M2.1", "1.0.0-M2.1", "off")).isFalse();
        assertThat(Kernels.enabled()).isTrue();
    }
}

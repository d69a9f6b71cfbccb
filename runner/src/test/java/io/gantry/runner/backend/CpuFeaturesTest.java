package io.gantry.runner.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
    private static final String HASWELL = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v3\n"
            + "flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx fma avx2\n";
    private static final String SANDY_BRIDGE = "processor\t: 0\nflags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx\n";

    @Test
    void avx2NativesOnACpuWithoutAvx2AreRefusedWithTheRebuildCommand() {
        assertThat(CpuFeatures.problem(SANDY_BRIDGE, "linux-x86_64-onednn-avx2"::equals)).hasValue(
                "this CPU has no AVX2, which this build's ND4J natives (linux-x86_64-onednn-avx2) need: rebuild with "
                        + "the generic ones, GANTRY_MAVEN_ARGS=-Dnd4j.natives=linux-x86_64 ./gantry ... (slower, runs "
                        + "anywhere)");
        assertThat(CpuFeatures.problem(HASWELL, "linux-x86_64-onednn-avx2"::equals)).isEmpty();
        assertThat(CpuFeatures.problem(HASWELL, "linux-x86_64-avx512"::equals)).hasValueSatisfying(
                p -> assertThat(p).startsWith("this CPU has no AVX-512"));
    }

    @Test
    void genericNativesOrAnUnknownCpuPass() {
        assertThat(CpuFeatures.problem(SANDY_BRIDGE, folder -> false)).isEmpty();
        assertThat(CpuFeatures.problem("", folder -> true)).isEmpty();
    }

    @Test
    void thisMachineRunsItsOwnBuild() {
        assertThat(CpuFeatures.problemHere()).isEmpty();
    }
}

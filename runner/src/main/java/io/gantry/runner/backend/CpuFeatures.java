package io.gantry.runner.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether this CPU can run the ND4J natives this build carries. ND4J itself checks too late to help:
 * on a CPU without the natives' instructions it logs an error and calls System.exit(1)
 * (CpuNDArrayFactory.createBlas in 1.0.0-M2.1).
 */
public final class CpuFeatures {
    private CpuFeatures() {
    }

    /** A natives folder of nd4j-native's jars and the /proc/cpuinfo flag its binaries need. */
    private record Natives(String folder, String flag, String name) {
    }

    private static final List<Natives> NEEDS = List.of(
            new Natives("linux-x86_64-onednn-avx512", "avx512f", "AVX-512"),
            new Natives("linux-x86_64-avx512", "avx512f", "AVX-512"),
            new Natives("linux-x86_64-onednn-avx2", "avx2", "AVX2"),
            new Natives("linux-x86_64-avx2", "avx2", "AVX2"));

    /**
     * What is wrong, if anything, in one line.
     *
     * @param cpuinfo the text of /proc/cpuinfo
     * @param nativesPresent whether the build carries a natives folder, by name
     */
    public static Optional<String> problem(String cpuinfo, Predicate<String> nativesPresent) {
        Set<String> flags = flags(cpuinfo);
        if (flags.isEmpty()) {
            return Optional.empty();
        }
        for (Natives n : NEEDS) {
            if (nativesPresent.test(n.folder()) && !flags.contains(n.flag())) {
                return Optional.of("this CPU has no " + n.name() + ", which this build's ND4J natives (" + n.folder()
                        + ") need: rebuild with the generic ones, GANTRY_MAVEN_ARGS=-Dnd4j.natives=linux-x86_64 "
                        + "./gantry ... (slower, runs anywhere)");
            }
        }
        return Optional.empty();
    }

    /** The check on this machine, with the natives on the class path. */
    public static Optional<String> problemHere() {
        try {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            return problem(cpuinfo, folder -> CpuFeatures.class.getClassLoader().getResource(
                    "org/nd4j/linalg/cpu/nativecpu/bindings/" + folder + "/libnd4jcpu.so") != null);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Set<String> flags(String cpuinfo) {
        return cpuinfo.lines().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> Set.of(l.substring(l.indexOf(':') + 1).strip().split("\\s+"))).orElse(Set.of());
    }

    /** "Intel(R) Xeon(R) ..., 2 cores": what trained a CPU run. */
    public static String describeHere() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String model = Files.readString(Path.of("/proc/cpuinfo")).lines().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("CPU");
            return model + ", " + cores + " cores";
        } catch (IOException | RuntimeException e) {
            return "CPU, " + cores + " cores";
        }
    }
}

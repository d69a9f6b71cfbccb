package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU build on this GPU-less machine, as a user gets it: a fresh copy of the checkout built by
 * {@code GANTRY_MAVEN_ARGS=-Pcuda ./gantry} (both ND4J backends, the CUDA one's 600 MB natives
 * downloaded once into ~/.m2), which falls back to the CPU with one line naming the missing driver,
 * and with GANTRY_BACKEND=gpu refuses with that line and exit 2.
 */
class CudaBuildIT {
    private static final String NO_DRIVER = "the NVIDIA driver (libcuda.so.1) cannot be loaded: install an NVIDIA "
            + "driver that supports CUDA 11.6";

    @TempDir
    Path tmp;

    @Test
    void withoutAGpuTheCudaBuildTrainsOnTheCpuOrSaysWhatIsMissing() throws Exception {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver: the test is for one without");
        Path checkout = copyOfTheCheckout(tmp.resolve("gantry"));
        Path data = Gantry.ROOT.resolve("data");

        // validate: the first command builds the GPU variant
        Gantry.Result validate = gantry(checkout, Map.of("GANTRY_DATA_DIR", data.toString()), "validate",
                "experiments/quickstart.yaml");
        if (validate.exitCode() != 0 && validate.stderr().matches("(?s).*(Could not (resolve|transfer)|"
                + "Could not find artifact|Unknown host|Connection refused).*")) {
            abort("skipped: the -Pcuda build could not download its dependencies (nd4j-cuda-11.6, 600 MB) here: "
                    + validate.stderr().lines().filter(l -> l.contains("ERROR")).findFirst().orElse(""));
        }
        assertThat(validate.exitCode()).as(validate.stderr()).isZero();
        assertThat(validate.stderr()).contains("gantry: building").contains("gantry: no usable GPU, training on the "
                + "CPU: " + NO_DRIVER).doesNotContain("\tat ").doesNotContain("Skipped [JCublasBackend]");
        assertThat(Files.list(checkout.resolve("runner/target/lib")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("nd4j-cuda-11.6-")).anyMatch(n -> n.startsWith("nd4j-native-"));

        // a few training steps on the CPU; the run says which backend trained it and why
        Path store = tmp.resolve("mlruns");
        Gantry.Result run = gantry(checkout, Map.of("GANTRY_DATA_DIR", data.toString()), "run",
                "experiments/quickstart.yaml", "--max-steps", "5", "--set", "evaluation.enabled=false",
                "--tracking-uri", store.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("gantry: building").contains("backend: CPU (CpuBackend")
                .contains("FINISHED after 5 steps");
        assertThat(run.stderr().lines().filter(l -> l.startsWith("gantry: no usable GPU"))).hasSize(1);
        Path tags;
        try (var found = Files.walk(store)) {
            tags = found.filter(p -> p.endsWith("tags/gantry.backend.reason")).findFirst().orElseThrow().getParent();
        }
        assertThat(Files.readString(tags.resolve("gantry.backend.kind"))).isEqualTo("CPU");
        assertThat(Files.readString(tags.resolve("gantry.backend.reason"))).startsWith("no usable GPU: " + NO_DRIVER);

        // the GPU required: one line, exit 2
        Gantry.Result required = gantry(checkout, Map.of("GANTRY_BACKEND", "gpu"), "validate",
                "experiments/quickstart.yaml");
        assertThat(required.exitCode()).as(required.stderr()).isEqualTo(2);
        assertThat(required.stderr().strip()).isEqualTo("error: GANTRY_BACKEND=gpu, but the GPU cannot run here: "
                + NO_DRIVER + " (>= 450.80.02; 510.39.01 or newer recommended)");

        // the CPU asked: no notice
        Gantry.Result cpu = gantry(checkout, Map.of("GANTRY_BACKEND", "cpu"), "backend");
        assertThat(cpu.exitCode()).as(cpu.stderr()).isZero();
        assertThat(cpu.stdout()).contains("backend: CPU").contains("because: GANTRY_BACKEND=cpu");
        assertThat(cpu.stderr()).doesNotContain("no usable GPU");
    }

    /** The files git tracks, as a fresh clone has them: no build output of the checkout under test. */
    private static Path copyOfTheCheckout(Path to) throws Exception {
        assumeTrue(Files.isDirectory(Gantry.ROOT.resolve(".git")), "not a git checkout: cannot tell what a clone has");
        Process ls = new ProcessBuilder("git", "ls-files", "-z").directory(Gantry.ROOT.toFile()).start();
        String files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ls.waitFor()).isZero();
        for (String f : files.split("\0")) {
            Path source = Gantry.ROOT.resolve(f);
            if (f.isEmpty() || !Files.isRegularFile(source)) {
                continue;
            }
            Path target = to.resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return to;
    }

    private static Gantry.Result gantry(Path checkout, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(checkout.resolve("gantry").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cuda", ".out");
        Path err = Files.createTempFile("cuda", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("GANTRY_MAVEN_ARGS", "-Pcuda");
        pb.environment().remove("GANTRY_SKIP_BUILD");
        pb.environment().remove("GANTRY_BACKEND");
        pb.environment().remove("MLFLOW_TRACKING_URI");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("gantry " + String.join(" ", args) + " did not finish in 20 minutes");
        }
        return new Gantry.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}

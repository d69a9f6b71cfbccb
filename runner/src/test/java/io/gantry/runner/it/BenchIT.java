package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry bench}: a real run through the launcher, measured, recorded in the store and as JSON. */
class BenchIT {
    @TempDir
    Path tmp;

    @Test
    void benchRunsTheExperimentAsRunDoesAndReportsWhereTheStepTimeGoes() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path json = tmp.resolve("out/quickstart.json");
        Gantry.Result r = Gantry.run("bench", "experiments/quickstart.yaml", "--warmup", "3", "--steps", "12",
                "--tracking-uri", store.toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("images/s (batch 64, 12 steps after 3 warm-up)").contains("matmul peak");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode profile = report.get("profile");
        assertThat(profile.get("measured_steps").asInt()).isEqualTo(12);
        assertThat(profile.get("images_per_sec").asDouble()).isPositive();
        double step = profile.get("step_ms").asDouble();
        double parts = profile.get("data_ms").asDouble() + profile.get("d_step_ms").asDouble()
                + profile.get("g_step_ms").asDouble() + profile.get("tracking_ms").asDouble();
        // The medians of the parts need not add up to the median step, but they cannot be far off it.
        assertThat(parts).isPositive().isLessThan(step * 1.5);
        assertThat(profile.get("tracking_share").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("machine").get("cpu").asText()).isNotBlank();
        assertThat(report.get("machine").get("backend").asText()).startsWith("CPU");
        // set before ND4J loaded, so JavaCPP does not read /proc on every pointer it allocates
        assertThat(report.get("machine").get("javacpp_max_physical_bytes").asText()).isEqualTo("0");
        assertThat(report.get("matmul_peak_gflops").asDouble()).isPositive();

        // The run itself: finished, every step's losses, the profile at its last step, no evaluation.
        JsonNode runs = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart"));
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("run_id").asText()).isEqualTo(report.get("run_id").asText());
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("metrics").get("d_loss")).hasSize(15);
        assertThat(run.get("metrics").get("profile.images_per_sec").get(0).get(0).asLong()).isEqualTo(15);
        assertThat(run.get("metrics").get("profile.images_per_sec").get(0).get(1).asDouble())
                .isCloseTo(profile.get("images_per_sec").asDouble(), withinPercentage(0.01));
        assertThat(run.get("metrics").has("fcd")).isFalse();
    }

    @Test
    void aBenchWithoutWarmUpIsRefusedWithTheReason() throws Exception {
        Gantry.Result r = Gantry.run("bench", "experiments/quickstart.yaml", "--warmup", "0", "--tracking-uri",
                tmp.resolve("mlruns").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("--warmup and --steps must be >= 1");
    }
}

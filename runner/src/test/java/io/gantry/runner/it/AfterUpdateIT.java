package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WGAN through the CLI: after-update steps named in the spec (weight clipping on D, an EMA of G) run,
 * are recorded as parameters, and the critic the run saved has every trainable weight inside the bound.
 */
class AfterUpdateIT {
    @TempDir
    Path tmp;

    @Test
    void clippedCriticStaysInsideItsBoundAndTheStepsAreRecorded() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/losses/wgan-clip-ema.yaml", "--max-steps", "6",
                "--set", "evaluation.enabled=false", "--set", "checkpoint.dir=" + tmp.resolve("ck"),
                "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "wgan-clip-ema")).get(0);
        assertThat(run.get("params").get("after_update.discriminator.clip-weights.bound").asText()).isEqualTo("0.01");
        assertThat(run.get("params").get("after_update.generator.ema.decay").asText()).isEqualTo("0.999");
        assertThat(run.get("metrics").has("critic_real")).isTrue();

        Path zip;
        try (var files = Files.walk(store)) {
            zip = files.filter(f -> f.endsWith(Path.of("models", "discriminator.zip"))).findFirst().orElseThrow();
        }
        MultiLayerNetwork d = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        for (var layer : d.getLayers()) {
            for (String p : new String[] {"W", "b"}) {
                assertThat(layer.getParam(p).amaxNumber().doubleValue()).as(p + " of layer " + layer.getIndex())
                        .isLessThanOrEqualTo(0.01 + 1e-7);
            }
        }
        // Xavier's first-layer weights reach well past 0.01: the clipping did the work.
        assertThat(d.getLayer(0).getParam("W").amaxNumber().doubleValue()).isGreaterThan(0.0099);

        // The averaged generator is saved beside G itself, and differs from it (decay 0.999 over 6 steps).
        MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(zip.resolveSibling("generator.zip").toFile());
        MultiLayerNetwork ema = ModelSerializer.restoreMultiLayerNetwork(
                zip.resolveSibling("generator-ema.zip").toFile());
        assertThat(ema.numParams()).isEqualTo(g.numParams());
        assertThat(ema.params()).isNotEqualTo(g.params());

        Gantry.Result bad = Gantry.run("validate", "experiments/losses/wgan-clip-ema.yaml", "--set",
                "after_update.generator.ema.decay=1.5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.lastErrorLine()).contains("after_update.generator.ema.decay").contains("1.5");
    }
}

package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asynchronous successive halving through the CLI and the file store: of six trials, the two whose
 * generator learning rate cannot train stop at the first rung; the other four run to the end.
 */
class AshaIT {
    @TempDir
    Path tmp;

    @Test
    void trialsThatCannotTrainStopAtTheFirstRungAndTheirTagsSayWhy() throws Exception {
        Path spec = tmp.resolve("asha.yaml");
        Files.writeString(spec, """
                experiment: asha-it
                seed: 5
                latent_dim: 64
                pixel_range: [-1, 1]
                dataset: {type: mnist}
                generator: {type: mlp, hidden: [128, 256]}
                discriminator: {type: mlp, hidden: [256, 128]}
                loss: {type: non-saturating}
                optimizer:
                  generator: {type: adam, lr: 0.001, beta1: 0.5}
                  discriminator: {type: adam, lr: 0.001, beta1: 0.5}
                noise: {type: normal}
                training: {batch_size: 64, steps: 600}
                sampling: {every: 100, rows: 2, cols: 2}
                evaluation: {metrics: [fcd]}
                checkpoint: {dir: %s}
                sweep:
                  grid:
                    # run_name changes nothing a trial learns, so the four good trials are equal and tie at the
                    # rung (ties go on); in trial order the two bad ones (lr 1e-9) each come after a good one.
                    run_name: [a, b]
                    optimizer.generator.lr: [0.001, 1.0e-9, 0.001]
                  scheduler: {type: asha, metric: fcd, mode: min, min_steps: 300, eta: 3}
                """.formatted(tmp.resolve("checkpoints")));
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", spec.toString(), "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        JsonNode runs = new ObjectMapper().readTree(Gantry.readRuns(store, "asha-it"));
        JsonNode parent = null;
        TreeMap<Integer, JsonNode> trials = new TreeMap<>();
        for (JsonNode run : runs) {
            if (run.get("tags").has("mlflow.parentRunId")) {
                trials.put(run.get("tags").get("gantry.trial").asInt(), run);
            } else {
                parent = run;
            }
        }
        assertThat(parent).isNotNull();
        assertThat(trials).hasSize(6);
        for (var e : trials.entrySet()) {
            JsonNode tags = e.getValue().get("tags");
            boolean bad = e.getKey() == 2 || e.getKey() == 5;
            assertThat(e.getValue().get("status").asText()).isEqualTo("FINISHED");
            assertThat(e.getValue().get("params").get("optimizer.generator.lr").asText())
                    .isEqualTo(bad ? "1.0E-9" : "0.001");
            String decision = tags.get("gantry.asha.rung.0.decision").asText();
            JsonNode dLoss = e.getValue().get("metrics").get("d_loss");
            if (bad) {
                assertThat(tags.get("gantry.asha.stopped").asText()).isEqualTo("true");
                assertThat(tags.get("gantry.asha.stopped_at_rung").asText()).isEqualTo("0");
                assertThat(tags.get("gantry.asha.stopped_at_step").asText()).isEqualTo("300");
                assertThat(Double.parseDouble(tags.get("gantry.asha.value").asText()))
                        .isGreaterThan(Double.parseDouble(tags.get("gantry.asha.cutoff").asText()));
                assertThat(decision).startsWith("stop: fcd ").endsWith("(rung 0, step 300)");
                assertThat(dLoss.get(dLoss.size() - 1).get(0).asInt()).isEqualTo(300);
            } else {
                assertThat(tags.has("gantry.asha.stopped")).isFalse();
                assertThat(decision).startsWith("go on: fcd ");
                assertThat(dLoss.get(dLoss.size() - 1).get(0).asInt()).isEqualTo(600);
            }
            // every trial reported its value at the rung, where its siblings read it
            assertThat(tags.has("gantry.asha.rung.0.value")).isTrue();
        }
        // the stopped trials keep a checkpoint to resume from by hand
        for (int bad : new int[] {2, 5}) {
            Path dir = tmp.resolve("checkpoints").resolve(trials.get(bad).get("run_id").asText());
            assertThat(dir.resolve("run.properties")).exists();
        }

        JsonNode ptags = parent.get("tags");
        assertThat(ptags.get("gantry.sweep.stopped_early").asText()).isEqualTo("2");
        assertThat(ptags.get("gantry.sweep.steps_trained").asText()).isEqualTo("3000");
        assertThat(ptags.get("gantry.sweep.steps_budget").asText()).isEqualTo("3600");
        assertThat(parent.get("params").get("sweep.scheduler.metric").asText()).isEqualTo("fcd");
        JsonNode best = parent.get("metrics").get("best_fcd");
        assertThat(best).hasSize(6);
        List<Double> bestSoFar = new ArrayList<>();
        best.forEach(point -> bestSoFar.add(point.get(1).asDouble()));
        for (int i = 1; i < bestSoFar.size(); i++) {
            assertThat(bestSoFar.get(i)).isLessThanOrEqualTo(bestSoFar.get(i - 1));
        }
        assertThat(parent.get("metrics").get("trials_ended")).hasSize(6);

        assertThat(r.stdout()).contains("stopped_at")
                .contains("2 trials stopped early; steps trained 3000 of 3600 budgeted (17% saved)");
    }
}

package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ComputationGraph architectures (the built-in residual pair) through the real CLI on MNIST: describe
 * counts them, a run trains them with a score loss, logs the critic's readings under their own names,
 * and saves a generator DL4J restores as a graph.
 */
class GraphArchitecturesIT {
    @TempDir
    Path tmp;

    @Test
    void residualGraphsTrainThroughGantryRunAndTheirGeneratorRestores() throws Exception {
        String[] small = {"--set", "generator.channels=8", "--set", "discriminator.channels=8"};
        Gantry.Result describe = Gantry.run("describe", "experiments/resnet/resnet-mnist.yaml", small[0], small[1],
                small[2], small[3]);
        assertThat(describe.exitCode()).as(describe.stderr()).isZero();
        assertThat(describe.stdout()).contains("up1_conv2", "up1_skip", "GlobalPoolingLayer sum")
                .contains("(batch, 1, 28, 28)");

        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/resnet/resnet-mnist.yaml", "--max-steps", "4",
                small[0], small[1], small[2], small[3], "--set", "evaluation.enabled=false",
                "--set", "checkpoint.dir=" + tmp.resolve("ck"), "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("FINISHED after 4 steps");

        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "resnet-mnist")).get(0);
        assertThat(run.get("metrics").has("critic_real")).isTrue();
        assertThat(run.get("metrics").has("d_x")).as("a hinge critic is not a probability").isFalse();
        assertThat(run.get("metrics").get("critic_real")).hasSize(4);
        run.get("metrics").get("d_loss").forEach(p -> assertThat(p.get(1).asDouble()).isFinite());

        Path zip;
        try (var files = Files.walk(store)) {
            zip = files.filter(f -> f.endsWith(Path.of("models", "generator.zip"))).findFirst().orElseThrow();
        }
        ComputationGraph g = ModelSerializer.restoreComputationGraph(zip.toFile(), true);
        var images = g.outputSingle(false, Nd4j.randn(DataType.FLOAT, 5, 128));
        assertThat(images.shape()).containsExactly(5, 1, 28, 28);
        assertThat(images.std().getDouble(0)).isGreaterThan(0.0);
    }
}

package io.gantry.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ImageShape;
import io.gantry.api.Network;
import io.gantry.engine.GanNetworks;
import io.gantry.engine.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static GanNetworks nets() {
        MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(4).build()).setInputType(InputType.feedForward(2)).build());
        MultiLayerNetwork d = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(1).build()).setInputType(InputType.feedForward(4)).build());
        return new GanNetworks(GanNetworks.withOptimizer(Network.of(g), new Sgd(0.1)),
                GanNetworks.withOptimizer(Network.of(d), new Sgd(0.1)), new ImageShape(1, 2, 2), 2);
    }

    private static TrainerState state(long step) {
        return new TrainerState(step, 1, 3, new int[] {2, 0, 1}, 11L, 22L);
    }

    @Test
    void aCheckpointKilledHalfWayLeavesThePreviousOneUsable() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("run"), 3);
        store.save(nets(), state(10));
        // What a crash in the middle of writing step 20 leaves behind: a partial folder, a truncated zip.
        Path partial = Files.createDirectories(dir.resolve("run/step-000000020.partial"));
        Files.write(partial.resolve("generator.zip"), new byte[] {0x50, 0x4b, 3});

        Path latest = store.latest().orElseThrow();
        assertThat(latest.getFileName().toString()).isEqualTo("step-000000010");
        TrainerState read = CheckpointStore.readState(latest);
        assertThat(read.step()).isEqualTo(10);
        assertThat(read.permutation()).containsExactly(2, 0, 1);
        assertThat(read.noiseRngState()).isEqualTo(22L);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(latest.resolve("generator.zip").toFile()).numParams())
                .isEqualTo(12);

        // The next successful save replaces the debris.
        store.save(nets(), state(20));
        assertThat(store.latest().orElseThrow().getFileName().toString()).isEqualTo("step-000000020");
        assertThat(partial).doesNotExist();

        // Debris of another step (a second Ctrl-C during the stop checkpoint, then a resume from step 20)
        // goes with the next save too.
        Path other = Files.createDirectories(dir.resolve("run/step-000000025.partial"));
        store.save(nets(), state(30));
        assertThat(other).doesNotExist();
    }

    @Test
    void keepsOnlyTheNewestAndFailsClearlyWhenTheFolderIsUnwritable() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("run"), 2);
        for (long s = 1; s <= 4; s++) {
            store.save(nets(), state(s));
        }
        try (var files = Files.list(dir.resolve("run"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("step-000000003", "step-000000004");
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new CheckpointStore(file.resolve("run"), 2).save(nets(), state(1)))
                .hasMessageStartingWith("cannot write checkpoint under " + file.resolve("run"));
    }

    @Test
    void stateFilesCarryAMagicNumberAndFormatAndOldOnesStillRead() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("run"), 2);
        store.save(nets(), state(5_000_000_000L));
        Path latest = store.latest().orElseThrow();
        byte[] bytes = Files.readAllBytes(latest.resolve("trainer.state"));
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GANT");
        assertThat(CheckpointStore.readState(latest).step()).isEqualTo(5_000_000_000L);

        // Format 1, as written before Plugin API 2: no header, the step first.
        Files.write(latest.resolve("trainer.state"), java.util.Arrays.copyOfRange(bytes, 8, bytes.length));
        TrainerState old = CheckpointStore.readState(latest);
        assertThat(old.step()).isEqualTo(5_000_000_000L);
        assertThat(old.permutation()).containsExactly(2, 0, 1);

        bytes[7] = 9; // a format from the future
        Files.write(latest.resolve("trainer.state"), bytes);
        assertThatThrownBy(() -> CheckpointStore.readState(latest))
                .hasMessageContaining("checkpoint format 9, newer than this Gantry reads (2)");
    }

    @Test
    void afterUpdateStatesRoundTrip() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("run"), 2);
        var ema = org.nd4j.linalg.factory.Nd4j.createFromArray(1.5f, -2.5f, 3.25f);
        store.save(nets(), new TrainerState(7, 0, 1, new int[] {0, 1}, 3L, 4L, java.util.Arrays.asList(ema, null)));
        TrainerState read = CheckpointStore.readState(store.latest().orElseThrow());
        assertThat(read.afterUpdateStates()).hasSize(2);
        assertThat(read.afterUpdateStates().get(0)).isEqualTo(ema);
        assertThat(read.afterUpdateStates().get(1)).isNull();
    }
}

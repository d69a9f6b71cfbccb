package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ResumeTest {


    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(out.toByteArray()), true);
    }

    /**
     * A run stopped after 7 of 20 steps, its networks saved and restored from bytes, and continued
     * gives exactly the losses of the uninterrupted run: data order, noise, dropout seeds, batch norm
     * statistics and optimizer state all carry over. 64 images in batches of 16 cross epochs too.
     */
    @Test
    void interruptedAndResumedRunGivesExactlyTheUninterruptedLosses() throws Exception {
        List<StepMetrics> whole = new ArrayList<>();
        TinyGan.trainer(TinyGan.networks(11, true), whole, 20).train(() -> false);

        List<StepMetrics> resumed = new ArrayList<>();
        List<TrainerState> saved = new ArrayList<>();
        List<GanNetworks> savedNets = new ArrayList<>();
        GanTrainer first = TinyGan.trainer(TinyGan.networks(11, true), resumed, 20).checkpointTo((nets, state) -> {
            try {
                savedNets.add(new GanNetworks(TinyGan.trainable(roundTrip(TinyGan.stack(nets.generator()))),
                        TinyGan.trainable(roundTrip(TinyGan.stack(nets.discriminator()))),
                        nets.imageShape(), nets.latentDim()));
                saved.add(state);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0);
        first.train(() -> resumed.size() >= 7);
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).step()).isEqualTo(7);

        GanTrainer second = TinyGan.trainer(savedNets.get(0), resumed, 20);
        second.restore(saved.get(0));
        second.train(() -> false);

        assertThat(resumed).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(resumed.get(i).dLoss()).as("d_loss at step %d", i + 1).isEqualTo(whole.get(i).dLoss());
            assertThat(resumed.get(i).gLoss()).as("g_loss at step %d", i + 1).isEqualTo(whole.get(i).gLoss());
        }
    }

    @Test
    void nanLossStopsTrainingWithTheReasonAndNoCheckpointOfIt() {
        List<TrainerState> saved = new ArrayList<>();
        GanNetworks nets = TinyGan.networks(12, false);
        GanTrainer trainer = new GanTrainer(nets, TinyGan.loss(), TinyGan.noise(), TinyGan.data(), TinyGan.config(50),
                new TrainingListener() {
                    @Override
                    public void stepCompleted(long step, int epoch, StepMetrics metrics) {
                        if (step == 4) {
                            // poison D: every later loss is NaN
                            INDArray p = TinyGan.stack(nets.discriminator()).params();
                            p.putScalar(0, Double.NaN);
                        }
                    }
                }).checkpointTo((n, state) -> saved.add(state), 2);
        assertThatThrownBy(() -> trainer.train(() -> false))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("loss is not finite (d_loss NaN").hasMessageEndingWith("at step 5");
        assertThat(saved).extracting(TrainerState::step).containsExactly(2L, 4L);
    }
}

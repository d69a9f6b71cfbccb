package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.GanLoss;
import io.gantry.api.NoiseSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A loss over both batches (relativistic average GAN) through the engine: with plain SGD, each step
 * must move the parameters by exactly -lr times the central finite-difference gradient of the loss,
 * D's from both batches' logits and G's through D with the real batch's logits in it.
 */
class RelativisticTrainingTest {
    private static final double LR = 0.05;
    private static final GanLoss LOSS = TinyGan.relativisticLoss();

    private static GanTrainer trainer(GanNetworks nets, NoiseSampler noise, DiscriminatorUpdate mode) {
        return new GanTrainer(nets, LOSS, noise, TinyGan.data(), TinyGan.config(1, mode), new TrainingListener() {
        });
    }

    @Test
    void discriminatorStepFollowsTheGradientOfTheLossOverBothBatches() {
        for (DiscriminatorUpdate mode : List.of(DiscriminatorUpdate.SUMMED, DiscriminatorUpdate.MEAN)) {
            GanNetworks nets = TinyGan.networks(10, false, new Sgd(LR));
            MultiLayerNetwork d = TinyGan.stack(nets.discriminator());
            INDArray real = TinyGan.data().batch(new int[] {0, 1, 2, 3, 4});
            INDArray fake = TinyGan.stack(nets.generator()).output(TinyGan.noise().sample(6, TinyGan.LATENT, new SplittableRandom(3)))
                    .reshape(6, 1, 4, 4);
            INDArray before = d.params().dup();
            double[] numeric = TinyGan.centralDifferences(d.params(),
                    () -> LOSS.discriminator(d.output(real, true), d.output(fake, true)).loss());
            double scale = mode == DiscriminatorUpdate.MEAN ? 0.5 : 1.0;

            trainer(nets, TinyGan.noise(), mode).discriminatorStep(real, fake);

            INDArray delta = d.params().sub(before);
            for (int i = 0; i < numeric.length; i++) {
                assertThat(delta.getDouble(i)).as("%s param %d", mode, i)
                        .isCloseTo(-LR * scale * numeric[i], within(1e-9));
            }
        }
    }

    @Test
    void generatorStepFollowsTheGradientOfItsLossThroughDWithTheRealLogitsInIt() {
        GanNetworks nets = TinyGan.networks(11, false, new Sgd(LR));
        MultiLayerNetwork g = TinyGan.stack(nets.generator());
        MultiLayerNetwork d = TinyGan.stack(nets.discriminator());
        INDArray z = TinyGan.noise().sample(7, TinyGan.LATENT, new SplittableRandom(9));
        NoiseSampler fixed = (batch, dim, rng) -> z;
        GanTrainer trainer = trainer(nets, fixed, DiscriminatorUpdate.SUMMED);
        INDArray real = TinyGan.data().batch(new int[] {5, 6, 7, 8, 9, 10});
        trainer.discriminatorStep(real, g.output(z).reshape(7, 1, 4, 4));
        INDArray realLogits = d.output(real, true);
        INDArray before = g.params().dup();
        double[] numeric = TinyGan.centralDifferences(g.params(), () -> gLoss(g, d, z, realLogits));

        trainer.generatorStep(7);

        INDArray delta = g.params().sub(before);
        int checked = 0;
        for (int i = 0; i < numeric.length; i++) {
            if (i >= 32 + 16 && i < 32 + 32) {
                continue; // G's batch-norm running statistics: not moved by the gradient
            }
            assertThat(delta.getDouble(i)).as("param %d", i).isCloseTo(-LR * numeric[i], within(1e-9));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static double gLoss(MultiLayerNetwork g, MultiLayerNetwork d, INDArray z, INDArray realLogits) {
        INDArray fake = g.output(z, true);
        return LOSS.generator(d.output(fake.reshape(fake.size(0), 1, 4, 4), true), realLogits).loss();
    }

    @Test
    void trainsAndLogsTheCriticAsAScore() {
        List<StepMetrics> seen = new ArrayList<>();
        GanNetworks nets = TinyGan.networks(2);
        new GanTrainer(nets, LOSS, TinyGan.noise(), TinyGan.data(), TinyGan.config(30), new TrainingListener() {
            @Override
            public void stepCompleted(long step, int epoch, StepMetrics metrics) {
                seen.add(metrics);
            }
        }).train(() -> false);
        assertThat(seen).hasSize(30);
        assertThat(seen.get(29).asMap()).containsKeys("critic_real", "critic_fake").doesNotContainKeys("d_x", "d_g_z");
        assertThat(seen.get(29).dReal()).as("the critic tells real from fake").isGreaterThan(seen.get(29).dFake());
    }

    @Test
    void updatesThatNeedTermsOrAPreviousRealBatchAreRefusedWithTheReason() {
        assertThatThrownBy(() -> trainer(TinyGan.networks(1), TinyGan.noise(), DiscriminatorUpdate.SEPARATE))
                .hasMessageContaining("training.d_update: separate").hasMessageContaining("use summed, mean or concat");
    }
}

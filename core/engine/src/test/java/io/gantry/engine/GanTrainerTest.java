package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class GanTrainerTest {


    @Test
    void generatorStepLeavesDiscriminatorParametersAndUpdaterStateUntouched() {
        GanNetworks nets = TinyGan.networks(1, true);
        GanTrainer trainer = TinyGan.trainer(nets, new ArrayList<>(), 10);
        trainer.train(() -> false); // warm the updater state so it is not all zeros
        INDArray dParams = TinyGan.stack(nets.discriminator()).params().dup();
        INDArray dState = TinyGan.stack(nets.discriminator()).getUpdater().getStateViewArray().dup();
        INDArray gParams = TinyGan.stack(nets.generator()).params().dup();

        trainer.generatorStep(16);

        assertThat(TinyGan.stack(nets.discriminator()).params()).isEqualTo(dParams);
        assertThat(TinyGan.stack(nets.discriminator()).getUpdater().getStateViewArray()).isEqualTo(dState);
        assertThat(TinyGan.stack(nets.generator()).params()).isNotEqualTo(gParams);
    }

    @Test
    void discriminatorStepLeavesGeneratorUntouched() {
        GanNetworks nets = TinyGan.networks(2);
        GanTrainer trainer = TinyGan.trainer(nets, new ArrayList<>(), 1);
        INDArray gParams = TinyGan.stack(nets.generator()).params().dup();
        INDArray dParams = TinyGan.stack(nets.discriminator()).params().dup();

        trainer.discriminatorStep(TinyGan.data().batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7}));

        assertThat(TinyGan.stack(nets.generator()).params()).isEqualTo(gParams);
        assertThat(TinyGan.stack(nets.discriminator()).params()).isNotEqualTo(dParams);
    }

    /**
     * The gradient G receives through D's input gradient must be the true gradient of G's loss:
     * compare it with central finite differences of the loss in G's parameters (D fixed, batch norm
     * in training mode on the same batch).
     */
    @Test
    void generatorGradientThroughDiscriminatorMatchesFiniteDifferences() {
        GanNetworks nets = TinyGan.networks(3, true);
        MultiLayerNetwork g = TinyGan.stack(nets.generator());
        MultiLayerNetwork d = TinyGan.stack(nets.discriminator());
        INDArray z = TinyGan.noise().sample(8, TinyGan.LATENT, new SplittableRandom(5));

        g.setInput(z);
        List<INDArray> gActs = g.feedForward(true, false);
        INDArray fake = gActs.get(gActs.size() - 1);
        d.setInput(fake.reshape(8, 1, 4, 4));
        List<INDArray> dActs = d.feedForward(true, false);
        var term = TinyGan.loss().generator(dActs.get(dActs.size() - 1));
        INDArray eps = d.backpropGradient(term.dLogits(), org.deeplearning4j.nn.workspace.LayerWorkspaceMgr
                .noWorkspaces()).getSecond();
        INDArray analytic = g.backpropGradient(eps.reshape(fake.shape()),
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().dup();

        INDArray params = g.params();
        int checked = 0;
        for (int i = 0; i < params.length(); i += 7) {
            if (isBatchNormStatistic(g, i)) {
                continue;
            }
            double orig = params.getDouble(i);
            double h = 1e-6;
            params.putScalar(i, orig + h);
            double plus = gLoss(g, d, z);
            params.putScalar(i, orig - h);
            double minus = gLoss(g, d, z);
            params.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * h);
            assertThat(analytic.getDouble(i)).as("param %d", i).isCloseTo(numeric, within(1e-6 + 1e-4 * Math.abs(numeric)));
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static boolean isBatchNormStatistic(MultiLayerNetwork g, int flatIndex) {
        // Layer 1 is batch norm: params gamma(8), beta(8), mean(8), var(8) after layer 0's 3*8+8 = 32.
        return flatIndex >= 32 + 16 && flatIndex < 32 + 32;
    }

    private static double gLoss(MultiLayerNetwork g, MultiLayerNetwork d, INDArray z) {
        INDArray fake = g.output(z, true);
        INDArray logits = d.output(fake.reshape(fake.size(0), 1, 4, 4), true);
        return TinyGan.loss().generator(logits).loss();
    }

    @Test
    void sameSeedGivesSameLosses() {
        List<StepMetrics> a = new ArrayList<>();
        List<StepMetrics> b = new ArrayList<>();
        TinyGan.trainer(TinyGan.networks(4), a, 20).train(() -> false);
        TinyGan.trainer(TinyGan.networks(4), b, 20).train(() -> false);
        assertThat(a).hasSize(20);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).dLoss()).isEqualTo(b.get(i).dLoss());
            assertThat(a.get(i).gLoss()).isEqualTo(b.get(i).gLoss());
        }
    }

    @Test
    void discriminatorUpdatesLearnToSeparateRealFromAFixedGenerator() {
        GanTrainer trainer = TinyGan.trainer(TinyGan.networks(5), new ArrayList<>(), 1);
        int[] batch = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        double[] first = trainer.discriminatorStep(TinyGan.data().batch(batch));
        double[] last = first;
        for (int i = 0; i < 60; i++) {
            last = trainer.discriminatorStep(TinyGan.data().batch(batch));
        }
        assertThat(last[0]).isLessThan(first[0] * 0.5);
        assertThat(last[1]).as("D(x)").isGreaterThan(0.8);
        assertThat(last[2]).as("D(G(z))").isLessThan(0.2);
    }

    private static GanTrainer trainer(GanNetworks nets, DiscriminatorUpdate mode) {
        return new GanTrainer(nets, TinyGan.loss(), TinyGan.noise(), TinyGan.data(), TinyGan.config(1, mode),
                new TrainingListener() { });
    }

    /** Keras' stacked batch averages over 2B: with plain SGD its step is exactly half the summed one. */
    @Test
    void concatUpdateIsHalfTheSummedUpdateWithPlainSgd() {
        INDArray real = TinyGan.data().batch(new int[] {0, 1, 2, 3, 4, 5});
        GanNetworks a = TinyGan.networks(8, false, new org.nd4j.linalg.learning.config.Sgd(0.1));
        GanNetworks b = TinyGan.networks(8, false, new org.nd4j.linalg.learning.config.Sgd(0.1));
        INDArray before = TinyGan.stack(a.discriminator()).params().dup();
        assertThat(TinyGan.stack(b.discriminator()).params()).isEqualTo(before);

        double[] summed = trainer(a, DiscriminatorUpdate.SUMMED).discriminatorStep(real);
        double[] concat = trainer(b, DiscriminatorUpdate.CONCAT).discriminatorStep(real);

        INDArray summedDelta = TinyGan.stack(a.discriminator()).params().sub(before);
        INDArray concatDelta = TinyGan.stack(b.discriminator()).params().sub(before);
        assertThat(summedDelta.sumNumber().doubleValue()).isNotZero();
        for (int i = 0; i < summedDelta.length(); i++) {
            assertThat(concatDelta.getDouble(i)).isCloseTo(0.5 * summedDelta.getDouble(i), within(1e-12));
        }
        assertThat(concat[0]).isCloseTo(summed[0], within(1e-12)); // same losses before the update
    }

    /** With plain SGD, one D step must move D's parameters by exactly -lr times the gradient of D's mean loss. */
    @Test
    void sgdDiscriminatorStepMovesParametersByLearningRateTimesTheLossGradient() {
        double lr = 0.05;
        GanNetworks nets = TinyGan.networks(10, false, new org.nd4j.linalg.learning.config.Sgd(lr));
        MultiLayerNetwork d = TinyGan.stack(nets.discriminator());
        INDArray real = TinyGan.data().batch(new int[] {0, 1, 2, 3, 4});
        INDArray fake = TinyGan.stack(nets.generator()).output(TinyGan.noise().sample(5, TinyGan.LATENT, new SplittableRandom(3)))
                .reshape(5, 1, 4, 4);
        INDArray before = d.params().dup();
        double[] numeric = TinyGan.centralDifferences(d.params(), () -> dLoss(d, real, fake));
        trainer(nets, DiscriminatorUpdate.SUMMED).discriminatorStep(real, fake);
        INDArray delta = d.params().sub(before);
        for (int i = 0; i < numeric.length; i++) {
            assertThat(delta.getDouble(i)).as("param %d", i).isCloseTo(-lr * numeric[i], within(1e-9));
        }
    }

    private static double dLoss(MultiLayerNetwork d, INDArray real, INDArray fake) {
        return TinyGan.loss().real(d.output(real, true)).loss() + TinyGan.loss().fake(d.output(fake, true)).loss();
    }

    /**
     * The trainer keeps activations in DL4J's workspace, whose memory is reused every pass: an array
     * read after its pass, or a persistent array born inside one, would change the numbers. Training
     * must match DL4J's workspace-free path step for step, in every D update mode.
     */
    @Test
    void activationWorkspacesDoNotChangeTraining() {
        for (DiscriminatorUpdate mode : DiscriminatorUpdate.values()) {
            List<StepMetrics> pooled = new ArrayList<>();
            List<StepMetrics> fresh = new ArrayList<>();
            GanNetworks a = TinyGan.networks(12, true);
            GanNetworks b = TinyGan.networks(12, true);
            for (MultiLayerNetwork net : List.of(TinyGan.stack(b.generator()), TinyGan.stack(b.discriminator()))) {
                net.getLayerWiseConfigurations().setTrainingWorkspaceMode(WorkspaceMode.NONE);
            }
            TinyGan.trainer(a, pooled, 12, mode).train(() -> false);
            TinyGan.trainer(b, fresh, 12, mode).train(() -> false);
            assertThat(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()).as(mode + ": workspace left open")
                    .isFalse();
            for (int i = 0; i < pooled.size(); i++) {
                assertThat(pooled.get(i).dLoss()).as(mode + " d_loss at step " + (i + 1))
                        .isCloseTo(fresh.get(i).dLoss(), within(1e-12));
                assertThat(pooled.get(i).gLoss()).as(mode + " g_loss at step " + (i + 1))
                        .isCloseTo(fresh.get(i).gLoss(), within(1e-12));
            }
            assertThat(TinyGan.stack(a.generator()).params().equalsWithEps(TinyGan.stack(b.generator()).params(), 1e-12)).as(mode + ": G").isTrue();
            assertThat(TinyGan.stack(a.discriminator()).params().equalsWithEps(TinyGan.stack(b.discriminator()).params(), 1e-12)).as(mode + ": D")
                    .isTrue();
        }
    }

    @Test
    void separateUpdateAppliesTwoOptimizerSteps() {
        GanNetworks nets = TinyGan.networks(9, false);
        trainer(nets, DiscriminatorUpdate.SEPARATE).discriminatorStep(TinyGan.data().batch(new int[] {0, 1, 2, 3}));
        assertThat(TinyGan.stack(nets.discriminator()).getIterationCount()).isEqualTo(2);
        GanNetworks other = TinyGan.networks(9, false);
        trainer(other, DiscriminatorUpdate.SUMMED).discriminatorStep(TinyGan.data().batch(new int[] {0, 1, 2, 3}));
        assertThat(TinyGan.stack(other.discriminator()).getIterationCount()).isEqualTo(1);
    }

    @Test
    void stopRequestEndsBetweenIterations() {
        List<StepMetrics> seen = new ArrayList<>();
        long done = TinyGan.trainer(TinyGan.networks(6), seen, 100).train(() -> seen.size() >= 3);
        assertThat(done).isEqualTo(3);
    }

    @Test
    void samplesAreInPixelRangeAndGridSized() {
        GanTrainer trainer = TinyGan.trainer(TinyGan.networks(7), new ArrayList<>(), 1);
        SampleBatch s = trainer.samples();
        assertThat(s.count()).isEqualTo(4);
        for (float v : s.pixels()) {
            assertThat((double) v).isBetween(-1.0, 1.0);
        }
        assertThat(Transforms.abs(org.nd4j.linalg.factory.Nd4j.createFromArray(s.pixels())).sumNumber().doubleValue())
                .isPositive();
    }
}

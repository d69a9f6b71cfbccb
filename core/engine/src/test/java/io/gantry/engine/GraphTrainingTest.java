package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.NoiseSampler;
import io.gantry.api.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A ComputationGraph critic with a residual connection, trained by the engine: with plain SGD, D's and
 * G's steps move the parameters by exactly -lr times the central finite-difference gradient of their
 * losses (G's through the graph's input gradient), and G's step leaves the graph untouched.
 */
class GraphTrainingTest {
    private static final double LR = 0.05;

    /** in -> dense h1 -> dense h2; h1 + h2 -> dense logit. */
    static ComputationGraph residualCritic(long seed) {
        return new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("image")
                .addLayer("h1", new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build(), "image")
                .addLayer("h2", new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build(), "h1")
                .addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "h1", "h2")
                .addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "residual")
                .setOutputs("logit")
                .setInputTypes(InputType.convolutional(4, 4, 1)).build());
    }

    private static GanNetworks withGraphCritic(long seed, IUpdater updater) {
        GanNetworks tiny = TinyGan.networks(seed, false, updater);
        return new GanNetworks(tiny.generator(), GanNetworks.withOptimizer(Network.of(residualCritic(seed + 1)),
                updater.clone()), TinyGan.SHAPE, TinyGan.LATENT);
    }

    private static ComputationGraph graph(GanNetworks nets) {
        return ((GraphNet) nets.discriminator()).graph();
    }

    @Test
    void discriminatorStepOnAGraphFollowsTheGradientOfItsLoss() {
        GanNetworks nets = withGraphCritic(20, new Sgd(LR));
        ComputationGraph d = graph(nets);
        INDArray real = TinyGan.data().batch(new int[] {0, 1, 2, 3, 4});
        INDArray fake = nets.generator().output(TinyGan.noise().sample(5, TinyGan.LATENT, new SplittableRandom(3)),
                false).reshape(5, 1, 4, 4);
        INDArray before = d.params().dup();
        double[] numeric = TinyGan.centralDifferences(d.params(), () -> dLoss(d, real, fake));

        new GanTrainer(nets, TinyGan.loss(), TinyGan.noise(), TinyGan.data(), TinyGan.config(1),
                new TrainingListener() {
                }).discriminatorStep(real, fake);

        INDArray delta = d.params().sub(before);
        for (int i = 0; i < numeric.length; i++) {
            assertThat(delta.getDouble(i)).as("param %d", i).isCloseTo(-LR * numeric[i], within(1e-9));
        }
    }

    private static double dLoss(ComputationGraph d, INDArray real, INDArray fake) {
        return TinyGan.loss().real(d.outputSingle(true, real)).loss()
                + TinyGan.loss().fake(d.outputSingle(true, fake)).loss();
    }

    @Test
    void generatorGradientThroughAGraphMatchesFiniteDifferencesAndLeavesTheGraphAlone() {
        GanNetworks nets = withGraphCritic(30, new Sgd(LR));
        MultiLayerNetwork g = TinyGan.stack(nets.generator());
        ComputationGraph d = graph(nets);
        INDArray z = TinyGan.noise().sample(7, TinyGan.LATENT, new SplittableRandom(9));
        NoiseSampler fixed = (batch, dim, rng) -> z;
        GanTrainer trainer = new GanTrainer(nets, TinyGan.loss(), fixed, TinyGan.data(), TinyGan.config(1),
                new TrainingListener() {
                });
        INDArray dParams = d.params().dup();
        INDArray before = g.params().dup();
        double[] numeric = TinyGan.centralDifferences(g.params(), () -> gLoss(g, d, z));

        trainer.generatorStep(7);

        assertThat(d.params()).isEqualTo(dParams);
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

    private static double gLoss(MultiLayerNetwork g, ComputationGraph d, INDArray z) {
        INDArray fake = g.output(z, true);
        return TinyGan.loss().generator(d.outputSingle(true, fake.reshape(fake.size(0), 1, 4, 4))).loss();
    }

    @Test
    void aGraphCriticTrainsSavesAndResumesWithItsOptimizerState() throws Exception {
        GanNetworks nets = withGraphCritic(40, new org.nd4j.linalg.learning.config.Adam(0.01, 0.5, 0.999, 1e-8));
        List<StepMetrics> seen = new ArrayList<>();
        TinyGan.trainer(nets, seen, 40).train(() -> false);
        assertThat(seen).hasSize(40);
        assertThat(seen.get(39).dReal()).as("D(x) after 40 steps").isGreaterThan(seen.get(39).dFake());
        assertThat(graph(nets).getIterationCount()).isEqualTo(40);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelZip.write(nets.discriminator(), zip);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip.toByteArray()),
                true);
        TrainableNet again = ModelZip.forTraining(Network.of(restored));
        assertThat(again.params()).isEqualTo(nets.discriminator().params());
        assertThat(again.updaterState()).isEqualTo(nets.discriminator().updaterState());
        assertThat(again.iterationCount()).isEqualTo(40);
    }
}

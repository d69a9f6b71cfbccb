package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.Network;
import io.gantry.api.NoiseSampler;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class LabelConditioningTest {
    private static final int CLASSES = 3;

    @Test
    void gReadsTheOneHotAfterItsNoiseAndDReadsOneConstantChannelPerClass() {
        LabelConditioning c = new LabelConditioning(CLASSES, new int[] {0, 1, 2});
        INDArray z = Nd4j.create(new double[][] {{0.5, -0.5}, {0.25, 0.75}});
        assertThat(c.generatorInput(z, new int[] {2, 0}).toDoubleMatrix()).isEqualTo(
                new double[][] {{0.5, -0.5, 0, 0, 1}, {0.25, 0.75, 1, 0, 0}});
        INDArray images = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4);
        INDArray d = c.discriminatorInput(images, new int[] {2, 0});
        assertThat(d.shape()).containsExactly(2, 1 + CLASSES, 4, 4);
        assertThat(LabelConditioning.imageGradient(d, 1)).isEqualTo(images);
        assertThat(d.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex
                .interval(1, 4)).sum(1, 2).toDoubleVector()).containsExactly(0, 0, 16);
        assertThat(d.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex
                .interval(1, 4)).sum(1, 2).toDoubleVector()).containsExactly(16, 0, 0);
        assertThat(c.gridRows(3, 2)).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(c.cycle(4)).containsExactly(0, 1, 2, 0);
    }

    @Test
    void gsClassesFollowTheDataFrequencies() {
        // class 0 three times as often as class 2; class 1 never
        LabelConditioning c = new LabelConditioning(CLASSES, new int[] {0, 0, 0, 2});
        int[] y = c.draw(40_000, new SeededRandom(1));
        int[] counts = new int[CLASSES];
        for (int k : y) {
            counts[k]++;
        }
        assertThat(counts[0] / 40_000.0).isCloseTo(0.75, within(0.01));
        assertThat(counts[1]).isZero();
        assertThat(counts[2] / 40_000.0).isCloseTo(0.25, within(0.01));
    }

    /**
     * One conditioned G update with plain SGD moves G's parameters by -lr times the gradient of G's loss
     * through D's conditioned input, as central finite differences of that loss give it.
     */
    @Test
    void theConditionedGeneratorStepFollowsTheGradientOfItsLoss() {
        double lr = 0.1;
        MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(TinyGan.LATENT + CLASSES)).build());
        MultiLayerNetwork d = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1 + CLASSES)).build());
        GanNetworks nets = new GanNetworks(GanNetworks.withOptimizer(Network.of(g), new Sgd(lr)),
                GanNetworks.withOptimizer(Network.of(d), new Sgd(lr)), TinyGan.SHAPE, TinyGan.LATENT);
        INDArray z = TinyGan.noise().sample(8, TinyGan.LATENT, new SeededRandom(5));
        NoiseSampler fixed = (n, dim, rng) -> z.dup();
        // every training image is class 1, so every class G is asked for is 1
        LabelConditioning ones = new LabelConditioning(CLASSES, ones(64));
        GanTrainer trainer = new GanTrainer(nets, TinyGan.loss(), fixed, TinyGan.data(), TinyGan.config(1),
                new TrainingListener() { }).conditionedOn(ones);
        int[] y = ones(8);
        INDArray input = ones.generatorInput(z, y);

        INDArray params = g.params();
        double[] numeric = TinyGan.centralDifferences(params, () -> gLoss(g, d, ones, input, y));
        INDArray before = params.dup();
        trainer.generatorStep(8);
        INDArray step = g.params().sub(before);
        int checked = 0;
        for (int i = 0; i < numeric.length; i++) {
            // batch norm's running mean and variance (after layer 0's 6*8+8 = 56 and gamma, beta) are not trained
            if (i >= 56 + 16 && i < 56 + 32) {
                continue;
            }
            assertThat(step.getDouble(i) / -lr).as("param %d", i).isCloseTo(numeric[i],
                    within(1e-6 + 1e-4 * Math.abs(numeric[i])));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static int[] ones(int n) {
        int[] y = new int[n];
        java.util.Arrays.fill(y, 1);
        return y;
    }

    private static double gLoss(MultiLayerNetwork g, MultiLayerNetwork d, LabelConditioning c, INDArray input, int[] y) {
        INDArray fake = g.output(input, true).reshape(8, 1, 4, 4);
        return TinyGan.loss().generator(d.output(c.discriminatorInput(fake, y), true)).loss();
    }
}

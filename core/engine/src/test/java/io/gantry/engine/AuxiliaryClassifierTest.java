package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.Conditioning;
import io.gantry.api.Network;
import io.gantry.api.NoiseSampler;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

/** AC-GAN's class term: its value, its gradient, and D's and G's steps against finite differences of the whole loss. */
class AuxiliaryClassifierTest {
    private static final int CLASSES = 3;
    private static final double WEIGHT = 0.7;

    @Test
    void classTermIsTheWeightedCrossEntropyOfTheClassLogits() {
        ClassHead head = new ClassHead(CLASSES, WEIGHT);
        // all class logits equal: the cross-entropy is log K whatever the class
        INDArray flat = Nd4j.create(new double[][] {{2.0, 0, 0, 0}, {-1.0, 5, 5, 5}});
        INDArray dAdv = Nd4j.create(new double[][] {{0.25}, {-0.5}});
        CriticOutput.Backward back = head.backward(flat, dAdv, new int[] {0, 2});
        assertThat(back.classLoss()).isCloseTo(WEIGHT * Math.log(3), within(1e-12));
        assertThat(head.logits(flat).toDoubleMatrix()).isEqualTo(new double[][] {{2.0}, {-1.0}});
        // column 0 carries the adversarial gradient; the class part is w (p - onehot) / n
        assertThat(back.epsilon().toDoubleMatrix()[0]).containsExactly(new double[] {0.25, WEIGHT * (1 / 3.0 - 1) / 2,
                WEIGHT / 3.0 / 2, WEIGHT / 3.0 / 2}, within(1e-12));

        INDArray out = Nd4j.rand(DataType.DOUBLE, 5, 1 + CLASSES).muli(4).subi(2);
        int[] y = {0, 1, 2, 2, 1};
        INDArray analytic = head.backward(out, Nd4j.zeros(DataType.DOUBLE, 5, 1), y).epsilon();
        double[] numeric = TinyGan.centralDifferences(out, () -> head.backward(out, Nd4j.zeros(DataType.DOUBLE, 5, 1),
                y).classLoss());
        for (int i = 0; i < numeric.length; i++) {
            assertThat(analytic.getDouble(i)).as("output %d", i).isCloseTo(numeric[i], within(1e-8));
        }
    }

    /** One D step with SGD moves D by -lr times the gradient of adversarial loss + class terms on both batches. */
    @Test
    void theDiscriminatorStepFollowsTheGradientOfBothTerms() {
        Setup s = new Setup();
        INDArray real = TinyGan.data().batch(s.indices);
        int[] realY = s.conditioning.labelsOf(s.indices);
        INDArray fake = s.g.output(s.conditioning.generatorInput(s.z, ones(8)), true).reshape(8, 1, 4, 4);
        INDArray params = s.d.params();
        double[] numeric = TinyGan.centralDifferences(params, () -> {
            INDArray realOut = s.d.output(real, true);
            INDArray fakeOut = s.d.output(fake, true);
            ClassHead head = new ClassHead(CLASSES, WEIGHT);
            INDArray none = Nd4j.zeros(DataType.DOUBLE, 8, 1);
            return TinyGan.loss().real(head.logits(realOut)).loss() + TinyGan.loss().fake(head.logits(fakeOut)).loss()
                    + head.backward(realOut, none, realY).classLoss() + head.backward(fakeOut, none, ones(8)).classLoss();
        });
        INDArray before = params.dup();
        s.trainer.discriminatorStep(real, realY);
        INDArray step = s.d.params().sub(before);
        for (int i = 0; i < numeric.length; i++) {
            assertThat(step.getDouble(i) / -s.lr).as("param %d", i).isCloseTo(numeric[i],
                    within(1e-6 + 1e-4 * Math.abs(numeric[i])));
        }
    }

    /** One G step moves G by -lr times the gradient of its adversarial loss + the class term on its fakes. */
    @Test
    void theGeneratorStepFollowsTheGradientOfBothTerms() {
        Setup s = new Setup();
        INDArray input = s.conditioning.generatorInput(s.z, ones(8));
        INDArray params = s.g.params();
        double[] numeric = TinyGan.centralDifferences(params, () -> {
            INDArray out = s.d.output(s.g.output(input, true).reshape(8, 1, 4, 4), true);
            ClassHead head = new ClassHead(CLASSES, WEIGHT);
            return TinyGan.loss().generator(head.logits(out)).loss()
                    + head.backward(out, Nd4j.zeros(DataType.DOUBLE, 8, 1), ones(8)).classLoss();
        });
        INDArray before = params.dup();
        s.trainer.generatorStep(8);
        INDArray step = s.g.params().sub(before);
        for (int i = 0; i < numeric.length; i++) {
            assertThat(step.getDouble(i) / -s.lr).as("param %d", i).isCloseTo(numeric[i],
                    within(1e-6 + 1e-4 * Math.abs(numeric[i])));
        }
        // D reads the image alone
        assertThat(s.conditioning.discriminatorInput(TinyGan.data().batch(s.indices), ones(8)).shape())
                .containsExactly(8, 1, 4, 4);
    }

    /** G, and a D that reads 1-channel images and outputs a logit and three class logits; every image is class 1. */
    private static final class Setup {
        final double lr = 0.1;
        final int[] indices = {0, 1, 2, 3, 4, 5, 6, 7};
        final MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(TinyGan.LATENT + CLASSES)).build());
        final MultiLayerNetwork d = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(1 + CLASSES).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build());
        final INDArray z = TinyGan.noise().sample(8, TinyGan.LATENT, new SeededRandom(5));
        final LabelConditioning conditioning = new LabelConditioning(Conditioning.AUXILIARY, CLASSES, labels(), WEIGHT);
        final GanTrainer trainer;

        Setup() {
            GanNetworks nets = new GanNetworks(GanNetworks.withOptimizer(Network.of(g), new Sgd(lr)),
                    GanNetworks.withOptimizer(Network.of(d), new Sgd(lr)), TinyGan.SHAPE, TinyGan.LATENT);
            NoiseSampler fixed = (n, dim, rng) -> z.dup();
            trainer = new GanTrainer(nets, TinyGan.loss(), fixed, TinyGan.data(), TinyGan.config(1),
                    new TrainingListener() { }).conditionedOn(conditioning);
        }

        /** Every training image is class 1, so every class G is asked for is 1 too. */
        private static int[] labels() {
            return ones(64);
        }
    }

    private static int[] ones(int n) {
        int[] y = new int[n];
        java.util.Arrays.fill(y, 1);
        return y;
    }
}

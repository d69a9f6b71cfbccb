package io.gantry.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.core.train.GanNetworks;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class VectorLeakyReLUTest {

    @Test
    void computesDl4jsLeakyReluAndItsGradientWithTheFrameworksSlopeAtZero() {
        for (double alpha : new double[] {0.2, 0.01, 1.5}) {
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3, 5, 5);
            x.putScalar(new long[] {0, 0, 0, 0}, 0f);
            x.putScalar(new long[] {1, 2, 3, 4}, 0f);
            INDArray eps = Nd4j.randn(DataType.FLOAT, 8, 3, 5, 5);
            ActivationLReLU dl4j = new ActivationLReLU(alpha);
            VectorLeakyReLU vector = new VectorLeakyReLU(alpha);

            assertEquals(dl4j.getActivation(x.dup(), true), vector.getActivation(x.dup(), true), "forward, alpha " + alpha);

            INDArray expected = dl4j.backprop(x.dup(), eps.dup()).getFirst();
            INDArray actual = vector.backprop(x.dup(), eps.dup()).getFirst();
            // DL4J's slope at exactly 0 is 1; TensorFlow's and PyTorch's, which the seeds used, is alpha
            for (long[] zero : new long[][] {{0, 0, 0, 0}, {1, 2, 3, 4}}) {
                assertEquals(alpha * eps.getDouble(zero), actual.getDouble(zero), 1e-6, "slope at 0, alpha " + alpha);
                expected.putScalar(zero, actual.getDouble(zero));
            }
            assertEquals(expected, actual, "backward, alpha " + alpha);
        }
    }

    @Test
    void ganNetworksRunDl4jsLeakyReluAsVectorLeakyReluAndSavedModelsKeepIt(@TempDir Path dir) throws Exception {
        IActivation subclass = new OwnLeakyReLU(); // a subclass may mean more: left alone
        MultiLayerNetwork net = GanNetworks.withOptimizer(new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(new ActivationLReLU(0.2)).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).build())
                .layer(new DenseLayer.Builder().nOut(2).activation(subclass).build())
                .setInputType(InputType.feedForward(4)).build()), new Adam(1e-3));
        GanNetworks.vectorise(net);

        assertEquals(0.2, ((VectorLeakyReLU) activation(net, 0)).getAlpha());
        assertEquals(0.1, ((VectorLeakyReLU) activation(net, 1)).getAlpha());
        assertSame(subclass, activation(net, 2));

        INDArray input = Nd4j.randn(DataType.FLOAT, 5, 4);
        File saved = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);

        assertInstanceOf(VectorLeakyReLU.class, activation(restored, 0));
        assertEquals(0.1, ((VectorLeakyReLU) activation(restored, 1)).getAlpha());
        assertInstanceOf(OwnLeakyReLU.class, activation(restored, 2));
        assertEquals(net.output(input), restored.output(input));
        assertTrue(net.getLayerWiseConfigurations().toJson().contains(VectorLeakyReLU.class.getName()));
    }

    /** A plugin's own activation that happens to extend DL4J's leaky ReLU. */
    public static class OwnLeakyReLU extends ActivationLReLU {
        public OwnLeakyReLU() {
            super(0.3);
        }
    }

    private static IActivation activation(MultiLayerNetwork net, int layer) {
        var conf = net.getLayerWiseConfigurations().getConf(layer).getLayer();
        return conf instanceof ActivationLayer a ? a.getActivationFn() : ((BaseLayer) conf).getActivationFn();
    }
}

package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.engine.GanNetworks;
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
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class VectorActivationsTest {

    @Test
    void ganNetworksRunDl4jsLeakyReluAndTanhAsVectorOnesAndSavedModelsKeepThem(@TempDir Path dir) throws Exception {
        IActivation subclass = new OwnLeakyReLU(); // a subclass may mean more: left alone
        MultiLayerNetwork net = GanNetworks.withOptimizer(new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(new ActivationLReLU(0.2)).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(new ActivationTanH()).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationTanH()).build())
                .layer(new DenseLayer.Builder().nOut(2).activation(subclass).build())
                .setInputType(InputType.feedForward(4)).build()), new Adam(1e-3));
        FasterLayers.afterInit(net);

        assertEquals(0.2, ((VectorLeakyReLU) activation(net, 0)).getAlpha());
        assertEquals(0.1, ((VectorLeakyReLU) activation(net, 1)).getAlpha());
        assertInstanceOf(VectorTanh.class, activation(net, 2));
        assertInstanceOf(VectorTanh.class, activation(net, 3));
        assertSame(subclass, activation(net, 4));

        INDArray input = Nd4j.randn(DataType.FLOAT, 5, 4);
        File saved = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);

        assertInstanceOf(VectorLeakyReLU.class, activation(restored, 0));
        assertEquals(0.1, ((VectorLeakyReLU) activation(restored, 1)).getAlpha());
        assertInstanceOf(VectorTanh.class, activation(restored, 2));
        assertInstanceOf(VectorTanh.class, activation(restored, 3));
        assertInstanceOf(OwnLeakyReLU.class, activation(restored, 4));
        assertEquals(net.output(input), restored.output(input));
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(VectorLeakyReLU.class.getName()) && json.contains(VectorTanh.class.getName()));
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

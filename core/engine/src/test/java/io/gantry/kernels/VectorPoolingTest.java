package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gantry.engine.GanNetworks;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

class VectorPoolingTest {
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void nonOverlappingMaxPoolingEqualsDl4jsForwardAndBackwardTiesIncluded() {
        // even sizes, sizes with a remainder that truncation drops, 3x3 and 2x3 windows
        int[][] cases = {{8, 8, 2, 2}, {7, 9, 2, 2}, {9, 9, 3, 3}, {6, 9, 2, 3}};
        for (int[] c : cases) {
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, c[0], c[1]);
            // ties: a plane of equal values (saturated tanh outputs) and rows of zeros
            x.get(NDArrayIndex.point(0), NDArrayIndex.point(1)).assign(1f);
            x.get(NDArrayIndex.point(1), NDArrayIndex.point(2), NDArrayIndex.interval(0, 3)).assign(0f);
            int[] window = {c[2], c[3]};
            assertSameAsDl4j(window, window, ConvolutionMode.Truncate, PoolingType.MAX, x,
                    "input " + c[0] + "x" + c[1] + ", window " + c[2] + "x" + c[3]);
        }
    }

    @Test
    void otherPoolingRunsDl4jsCode() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 7);
        int[] two = {2, 2};
        // overlapping windows; 'Same' mode padding a size that is not a multiple; average pooling; double
        assertSameAsDl4j(new int[] {3, 3}, two, ConvolutionMode.Truncate, PoolingType.MAX, x, "overlapping");
        assertSameAsDl4j(two, two, ConvolutionMode.Same, PoolingType.MAX, x, "same, padded");
        assertSameAsDl4j(two, two, ConvolutionMode.Same, PoolingType.MAX,
                Nd4j.rand(DataType.FLOAT, 2, 3, 8, 6), "same, not padded");
        assertSameAsDl4j(two, two, ConvolutionMode.Truncate, PoolingType.AVG, x, "average");
        assertSameAsDl4j(two, two, ConvolutionMode.Truncate, PoolingType.MAX, x.castTo(DataType.DOUBLE), "double");
        // a strided view of a wider array
        INDArray view = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 10).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 8));
        assertSameAsDl4j(two, two, ConvolutionMode.Truncate, PoolingType.MAX, view, "view");
    }

    @Test
    void ganNetworksPoolWithItAndSavedModelsKeepIt(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = GanNetworks.withOptimizer(new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .setInputType(InputType.convolutional(8, 8, 2)).build()), new Sgd(0.1));
        assertInstanceOf(VectorPooling.PoolingRuntime.class, net.getLayer(0));
        // describe shows DL4J's name
        assertEquals("SubsamplingLayer", net.getLayerWiseConfigurations().getConf(0).getLayer().getClass().getSimpleName());

        File saved = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertInstanceOf(VectorPooling.PoolingRuntime.class, restored.getLayer(0));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8);
        assertEquals(net.output(x), restored.output(x));

        SubsamplingLayer subclass = new OwnPooling(); // a subclass may mean more: left alone
        assertSame(subclass, VectorPooling.inPlaceOf(subclass));
    }

    /** A plugin's own layer that happens to extend DL4J's pooling layer. */
    public static class OwnPooling extends SubsamplingLayer {
    }

    /** The twin's forward and backward pass on x equal those of DL4J's own layer with the same settings. */
    private static void assertSameAsDl4j(int[] kernel, int[] stride, ConvolutionMode mode, PoolingType type, INDArray x,
                                         String what) {
        Layer dl4j = pooling(kernel, stride, mode, type, x, false);
        Layer vector = pooling(kernel, stride, mode, type, x, true);
        assertInstanceOf(VectorPooling.PoolingRuntime.class, vector);
        INDArray expected = dl4j.activate(true, NO_WS);
        assertEquals(expected, vector.activate(true, NO_WS), "forward, " + what);
        INDArray eps = Nd4j.rand(x.dataType(), expected.shape()).addi(0.5);
        assertEquals(dl4j.backpropGradient(eps.dup(), NO_WS).getSecond(),
                vector.backpropGradient(eps.dup(), NO_WS).getSecond(), "backward, " + what);
    }

    private static Layer pooling(int[] kernel, int[] stride, ConvolutionMode mode, PoolingType type, INDArray x,
                                 boolean twin) {
        var conf = new NeuralNetConfiguration.Builder().dataType(x.dataType()).convolutionMode(mode).list()
                .layer(new SubsamplingLayer.Builder(type).kernelSize(kernel).stride(stride).build())
                .setInputType(InputType.convolutional(x.size(2), x.size(3), x.size(1))).build();
        if (twin) {
            conf.getConf(0).setLayer(VectorPooling.inPlaceOf(conf.getConf(0).getLayer()));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Layer layer = net.getLayer(0);
        layer.setInput(x, NO_WS);
        return layer;
    }
}

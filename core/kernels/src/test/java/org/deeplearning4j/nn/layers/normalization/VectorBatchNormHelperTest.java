package org.deeplearning4j.nn.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The helper against DL4J's own batch-norm code (no helper), in double precision (and float for dense inputs). */
class VectorBatchNormHelperTest {

    @Test
    void channelsFirstImagesTrainAsWithDl4jsOwnBatchNorm() {
        assertSameAsDl4j(InputType.convolutional(4, 5, 3, CNN2DFormat.NCHW), CNN2DFormat.NCHW, 6, 3, 4, 5);
        // float: PlaneBatchNorm's loops; planes of 4x5 and 13x13 (169 values: a tail after the four-way sums). DL4J's
        // own float path drifts from exact statistics: its inference output after one step differs by
        // ~3e-4 from this helper's, by either of its paths (libnd4j's ops or these loops), hence 1e-3
        assertSameAsDl4j(InputType.convolutional(4, 5, 3, CNN2DFormat.NCHW), CNN2DFormat.NCHW, DataType.FLOAT, 1e-3,
                6, 3, 4, 5);
        assertSameAsDl4j(InputType.convolutional(13, 13, 4, CNN2DFormat.NCHW), CNN2DFormat.NCHW, DataType.FLOAT, 1e-3,
                9, 4, 13, 13);
    }

    @Test
    void channelsLastImagesTrainAsWithDl4jsOwnBatchNorm() {
        assertSameAsDl4j(InputType.convolutional(4, 5, 3, CNN2DFormat.NHWC), CNN2DFormat.NHWC, 6, 4, 5, 3);
    }

    @Test
    void denseInputsTrainAsWithDl4jsOwnBatchNormInDoubleAndFloat() {
        assertSameAsDl4j(InputType.feedForward(7), CNN2DFormat.NCHW, 6, 7);
        assertSameAsDl4j(InputType.feedForward(7), CNN2DFormat.NCHW, DataType.FLOAT, 1e-4, 6, 7);
    }

    private static void assertSameAsDl4j(InputType inputType, CNN2DFormat format, long... shape) {
        assertSameAsDl4j(inputType, format, DataType.DOUBLE, 1e-9, shape);
    }

    private static void assertSameAsDl4j(InputType inputType, CNN2DFormat format, DataType type, double tolerance,
                                         long... shape) {
        MultiLayerNetwork ours = network(inputType, format, type);
        MultiLayerNetwork dl4j = network(inputType, format, type);
        VectorBatchNormHelper.install(ours);
        ((BatchNormalization) dl4j.getLayer(0)).helper = null;
        assertInstanceOf(VectorBatchNormHelper.class, ((BatchNormalization) ours.getLayer(0)).helper);

        Nd4j.getRandom().setSeed(11);
        for (int step = 0; step < 3; step++) {
            // shifted and scaled away from N(0, 1), as real activations are
            INDArray x = Nd4j.randn(type, shape).muli(2.5).addi(3.0);
            INDArray eps = Nd4j.randn(type, shape);
            Pair<Gradient, INDArray> a = trainStep(ours, x, eps);
            Pair<Gradient, INDArray> b = trainStep(dl4j, x, eps);
            assertClose(b.getSecond(), a.getSecond(), tolerance, "input gradient, step " + step);
            for (Map.Entry<String, INDArray> g : b.getFirst().gradientForVariable().entrySet()) {
                assertClose(g.getValue(), a.getFirst().gradientForVariable().get(g.getKey()), tolerance,
                        g.getKey() + ", step " + step);
            }
            assertClose(dl4j.output(x, false), ours.output(x, false), tolerance, "inference output, step " + step);
        }
    }

    private static Pair<Gradient, INDArray> trainStep(MultiLayerNetwork net, INDArray x, INDArray eps) {
        var layer = net.getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray out = layer.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
        Pair<Gradient, INDArray> result = layer.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        Gradient gradient = result.getFirst();
        gradient.gradientForVariable().put("output", out);
        // every parameter moves by its gradient: the running statistics as DL4J's no-op updater moves
        // them, gamma and beta as plain SGD with rate 1 would
        net.params().subi(net.getGradientsViewArray().reshape(net.params().shape()));
        return new Pair<>(gradient, result.getSecond().dup());
    }

    private static MultiLayerNetwork network(InputType inputType, CNN2DFormat format, DataType type) {
        var list = new NeuralNetConfiguration.Builder().seed(5).dataType(type).updater(new Adam(1e-3)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().decay(0.8).eps(1e-3)
                        .dataFormat(format).build());
        list.setInputType(inputType);
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        net.initGradientsView();
        Nd4j.getRandom().setSeed(3);
        net.getLayer(0).setParam("gamma", Nd4j.rand(type, net.getLayer(0).getParam("gamma").shape()).addi(0.5));
        net.getLayer(0).setParam("beta", Nd4j.randn(type, net.getLayer(0).getParam("beta").shape()));
        return net;
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(expected.length(), actual.length(), what);
        double diff = expected.reshape(expected.length()).sub(actual.reshape(actual.length())).amaxNumber().doubleValue();
        assertTrue(diff < tolerance, what + ": max difference " + diff);
    }
}

package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.engine.ModelSummary;
import io.gantry.engine.GanNetworks;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.multilayer.TrainingActivations;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The layers without their second forward pass against DL4J's own, oneDNN helpers on as in a run. */
class NoRecomputeTest {
    private static final String HELPERS = "org.eclipse.deeplearning4j.helpers.disable";
    private static String previous;

    @BeforeAll
    static void helpersOn() {
        previous = System.setProperty(HELPERS, "false");
    }

    @AfterAll
    static void helpersBack() {
        if (previous == null) {
            System.clearProperty(HELPERS);
        } else {
            System.setProperty(HELPERS, previous);
        }
    }

    @Test
    void sameGradientsAsDl4jsLayersInFloatAndDouble() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork ours = GanNetworks.withOptimizer(network(type), new Sgd(0.1));
            MultiLayerNetwork dl4j = network(type);
            dl4j.init();
            assertInstanceOf(NoRecompute.ConvolutionLayer.class, ours.getLayerWiseConfigurations().getConf(0).getLayer());
            assertInstanceOf(NoRecompute.Deconvolution2D.class, ours.getLayerWiseConfigurations().getConf(2).getLayer());
            assertInstanceOf(NoRecompute.DenseLayer.class, ours.getLayerWiseConfigurations().getConf(5).getLayer());
            assertEquals(dl4j.params(), ours.params(), "same initial parameters");

            Nd4j.getRandom().setSeed(4);
            INDArray earlier = Nd4j.rand(type, 5, 2, 8, 8);
            INDArray x = Nd4j.rand(type, 5, 2, 8, 8);
            INDArray eps = Nd4j.randn(type, 5, 2);
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
            // DL4J's detached pass and the trainer's pass in the activations workspace, each after an
            // earlier pass on other input, as in D's step on real, then fake images.
            for (boolean inWorkspace : new boolean[] {false, true}) {
                Pair<Gradient, INDArray> a = backward(dl4j, earlier, x, eps, inWorkspace);
                Pair<Gradient, INDArray> b = backward(ours, earlier, x, eps, inWorkspace);
                String what = type + (inWorkspace ? " in the activations workspace" : " detached");
                assertTrue(maxDiff(a.getSecond(), b.getSecond()) < tolerance, what + ": input gradient");
                assertTrue(maxDiff(a.getFirst().gradient(), b.getFirst().gradient()) < tolerance,
                        what + ": parameter gradients");
            }
        }
    }

    @Test
    void aBackwardPassOnNewInputWithoutItsForwardPassRecomputesAsDl4jDoes() {
        MultiLayerNetwork ours = GanNetworks.withOptimizer(network(DataType.DOUBLE), new Sgd(0.1));
        MultiLayerNetwork dl4j = network(DataType.DOUBLE);
        dl4j.init();
        Nd4j.getRandom().setSeed(5);
        INDArray forwarded = Nd4j.rand(DataType.DOUBLE, 5, 2, 8, 8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 8, 8);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 5, 1, 8, 8);
        // Layer 4: the tanh convolution (2 channels in, 1 out, 8x8), whose pre-activation a forward pass keeps.
        List<INDArray> results = new ArrayList<>();
        for (MultiLayerNetwork net : List.of(dl4j, ours)) {
            net.initGradientsView();
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(4);
            layer.activate(forwarded, true, LayerWorkspaceMgr.noWorkspaces());
            layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            results.add(layer.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup());
        }
        assertTrue(maxDiff(results.get(0), results.get(1)) < 1e-12);
    }

    @Test
    void savedModelsKeepTheLayersAndDescribeReadsAsDl4js(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = GanNetworks.withOptimizer(network(DataType.FLOAT), new Sgd(0.1));
        File saved = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertInstanceOf(NoRecompute.Deconvolution2D.class, restored.getLayerWiseConfigurations().getConf(2).getLayer());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8);
        assertEquals(net.output(x), restored.output(x));
        String table = ModelSummary.of(net, InputType.convolutional(8, 8, 2)).render("net");
        assertTrue(table.contains("ConvolutionLayer") && table.contains("Deconvolution2D"), table);
    }

    /** Every activation case: identity (output gradient stands in), sigmoid, tanh and leaky ReLU (kept pre-activation). */
    private static MultiLayerNetwork network(DataType type) {
        var list = new NeuralNetConfiguration.Builder().seed(9).dataType(type).list()
                .layer(new ConvolutionLayer.Builder().nOut(4).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new Deconvolution2D.Builder().nOut(3).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build())
                .layer(new Deconvolution2D.Builder().nOut(2).kernelSize(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.SIGMOID).build())
                .layer(new ConvolutionLayer.Builder().nOut(1).kernelSize(3, 3)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nOut(2).activation(Activation.LEAKYRELU).build());
        list.setInputType(InputType.convolutional(8, 8, 2));
        return new MultiLayerNetwork(list.build());
    }

    /** Gradients for {@code x}, the last of two training forward passes, copied out of every workspace. */
    private static Pair<Gradient, INDArray> backward(MultiLayerNetwork net, INDArray earlier, INDArray x,
                                                    INDArray eps, boolean inWorkspace) {
        if (!inWorkspace) {
            net.setInput(earlier);
            net.feedForward(true, false);
            net.setInput(x);
            net.feedForward(true, false);
            return copy(net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()));
        }
        try (MemoryWorkspace ws = TrainingActivations.open(net)) {
            TrainingActivations.forward(net, earlier);
            TrainingActivations.forward(net, x);
            return copy(net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()));
        }
    }

    private static Pair<Gradient, INDArray> copy(Pair<Gradient, INDArray> result) {
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Gradient gradient = new DefaultGradient(result.getFirst().gradient().dup());
            return new Pair<>(gradient, result.getSecond().dup());
        }
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}

package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.engine.GanNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.multilayer.TrainingActivations;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A backward pass that leaves out the parameters' or the input's gradient gives the others exactly as
 * the full pass does, on an MLP discriminator that reads images (DL4J's preprocessor in front of its
 * first dense layer), in and out of the activations workspace.
 */
class SkippableGradientsTest {
    private static final double SENTINEL = 7.0;

    @Test
    void withoutParameterGradientsTheInputGradientIsTheFullPassesAndTheGradientViewIsUntouched() {
        for (boolean inWorkspace : new boolean[] {false, true}) {
            MultiLayerNetwork net = discriminator();
            Pair<Gradient, INDArray> full = backward(net, true, true, inWorkspace);
            net.getGradientsViewArray().assign(SENTINEL);
            Pair<Gradient, INDArray> inputOnly = backward(net, false, true, inWorkspace);
            String what = inWorkspace ? "in the activations workspace" : "detached";
            assertEquals(full.getSecond(), inputOnly.getSecond(), what);
            // The batch norm layer cannot skip: only its gamma and beta (and its running statistics' slots) change.
            INDArray view = net.getGradientsViewArray();
            long dense = 0;
            for (int i : new int[] {0, 2, 3}) {
                dense += net.getLayer(i).numParams();
            }
            long sentinels = view.eq(SENTINEL).castTo(DataType.INT).sumNumber().longValue();
            assertTrue(sentinels >= dense, what + ": dense layers' gradients written (" + sentinels + " of "
                    + view.length() + " still " + SENTINEL + ")");
        }
    }

    @Test
    void withoutTheInputGradientTheParameterGradientsAreTheFullPassesAndNoInputGradientComesBack() {
        for (boolean inWorkspace : new boolean[] {false, true}) {
            MultiLayerNetwork net = discriminator();
            Pair<Gradient, INDArray> full = backward(net, true, true, inWorkspace);
            net.getGradientsViewArray().assign(SENTINEL);
            Pair<Gradient, INDArray> parametersOnly = backward(net, true, false, inWorkspace);
            String what = inWorkspace ? "in the activations workspace" : "detached";
            assertNull(parametersOnly.getSecond(), what);
            assertEquals(full.getFirst().gradient(), parametersOnly.getFirst().gradient(), what);
        }
    }

    @Test
    void theNextFullPassComputesEverythingAgain() {
        MultiLayerNetwork net = discriminator();
        Pair<Gradient, INDArray> full = backward(net, true, true, true);
        backward(net, false, true, true);
        backward(net, true, false, true);
        Pair<Gradient, INDArray> again = backward(net, true, true, true);
        assertNotNull(again.getSecond());
        assertEquals(full.getSecond(), again.getSecond());
        assertEquals(full.getFirst().gradient(), again.getFirst().gradient());
    }

    /** Images in, a dense layer after batch norm (which computes everything) and an unscaled logit out. */
    private static MultiLayerNetwork discriminator() {
        var list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.convolutional(4, 4, 2));
        MultiLayerNetwork net = GanNetworks.withOptimizer(new MultiLayerNetwork(list.build()), new Sgd(0.1));
        net.initGradientsView();
        return net;
    }

    /** One training forward and backward pass on fixed input, results copied out of every workspace. */
    private static Pair<Gradient, INDArray> backward(MultiLayerNetwork net, boolean parameters, boolean input,
                                                     boolean inWorkspace) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 4, 4);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 5, 1);
        try (MemoryWorkspace ws = inWorkspace ? TrainingActivations.open(net) : null) {
            TrainingActivations.forward(net, x);
            Pair<Gradient, INDArray> result = TrainingActivations.backprop(net, eps, parameters, input);
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray in = result.getSecond() == null ? null : result.getSecond().dup();
                return new Pair<>(new org.deeplearning4j.nn.gradient.DefaultGradient(
                        net.getGradientsViewArray().dup()), in);
            } finally {
                net.clearLayersStates();
            }
        }
    }
}

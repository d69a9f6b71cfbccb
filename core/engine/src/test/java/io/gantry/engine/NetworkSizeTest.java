package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.Network;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The count read from a configuration is the count DL4J allocates; too large is refused before allocation. */
class NetworkSizeTest {

    private static MultiLayerNetwork stack(int width) {
        var list = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder().nOut(4).kernelSize(3, 3).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(width).build())
                .layer(new DenseLayer.Builder().nOut(1).build());
        list.setInputType(InputType.convolutional(8, 8, 1));
        return new MultiLayerNetwork(list.build());
    }

    @Test
    void countsWhatInitAllocates() {
        MultiLayerNetwork net = stack(16);
        long predicted = NetworkSize.parameters(Network.of(net));
        net.init();
        assertThat(predicted).isEqualTo(net.numParams()).isPositive();

        var conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(5).nOut(7).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(7).nOut(3).build(), "a")
                .setOutputs("b").build();
        ComputationGraph graph = new ComputationGraph(conf);
        long graphPredicted = NetworkSize.parameters(Network.of(graph));
        graph.init();
        assertThat(graphPredicted).isEqualTo(graph.numParams()).isEqualTo(5 * 7 + 7 + 7 * 3 + 3);
    }

    @Test
    void aNetworkBeyondMemoryIsRefusedWithItsSize() {
        Network huge = Network.of(stack(2_000_000_000));
        assertThatThrownBy(() -> NetworkSize.requireFits(huge, "discriminator", 24L << 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the discriminator would have 292,000,000,057 parameters (4672.0 GB")
                .hasMessageEndingWith("more than this machine's 25.8 GB and more than DL4J's limit of 2^31 - 1 a "
                        + "network: lower its widths");
        // 1,000 x 1,000 weights: 16 MB with gradients and Adam's moments
        Network modest = Network.of(stack(1000));
        NetworkSize.requireFits(modest, "generator", 24L << 30);
        assertThatThrownBy(() -> NetworkSize.requireFits(modest, "generator", 1_000_000))
                .hasMessageContaining("more than this machine's 0.0 GB: lower its widths");
    }
}

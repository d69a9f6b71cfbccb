package io.gantry.plugins.resnet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.nd4j.linalg.activations.Activation;

/**
 * The residual blocks of Gulrajani et al. 2017 (WGAN-GP) and Miyato et al. 2018 (SNGAN), added to a
 * DL4J graph under a block name: each returns the name of its output vertex.
 */
final class ResidualGraph {
    private final GraphBuilder graph;

    ResidualGraph(GraphBuilder graph) {
        this.graph = graph;
    }

    /** G's up block: BN, ReLU, 2x upsample, conv3x3, BN, ReLU, conv3x3; shortcut 2x upsample, conv1x1. */
    String up(String name, String input, int channels) {
        graph.addLayer(name + "_bn1", new BatchNormalization.Builder().build(), input);
        graph.addLayer(name + "_relu1", relu(), name + "_bn1");
        graph.addLayer(name + "_up", new Upsampling2D.Builder(2).build(), name + "_relu1");
        graph.addLayer(name + "_conv1", conv(3, channels), name + "_up");
        graph.addLayer(name + "_bn2", new BatchNormalization.Builder().build(), name + "_conv1");
        graph.addLayer(name + "_relu2", relu(), name + "_bn2");
        graph.addLayer(name + "_conv2", conv(3, channels), name + "_relu2");
        graph.addLayer(name + "_skip_up", new Upsampling2D.Builder(2).build(), input);
        graph.addLayer(name + "_skip", conv(1, channels), name + "_skip_up");
        return add(name, name + "_conv2", name + "_skip");
    }

    /**
     * D's down block: (ReLU,) conv3x3, ReLU, conv3x3, 2x2 average pool; shortcut conv1x1 then pool. The
     * first block sees the image itself, so it has no ReLU in front and pools before its shortcut's conv
     * (the papers' "optimized" first block).
     */
    String down(String name, String input, int channels, boolean first) {
        String mainIn = input;
        if (!first) {
            graph.addLayer(name + "_relu0", relu(), input);
            mainIn = name + "_relu0";
        }
        graph.addLayer(name + "_conv1", conv(3, channels), mainIn);
        graph.addLayer(name + "_relu1", relu(), name + "_conv1");
        graph.addLayer(name + "_conv2", conv(3, channels), name + "_relu1");
        graph.addLayer(name + "_pool", avgPool(), name + "_conv2");
        if (first) {
            graph.addLayer(name + "_skip_pool", avgPool(), input);
            graph.addLayer(name + "_skip", conv(1, channels), name + "_skip_pool");
        } else {
            graph.addLayer(name + "_skip_conv", conv(1, channels), input);
            graph.addLayer(name + "_skip", avgPool(), name + "_skip_conv");
        }
        return add(name, name + "_pool", name + "_skip");
    }

    /** D's block at constant size: ReLU, conv3x3, ReLU, conv3x3; identity shortcut. */
    String plain(String name, String input, int channels) {
        graph.addLayer(name + "_relu1", relu(), input);
        graph.addLayer(name + "_conv1", conv(3, channels), name + "_relu1");
        graph.addLayer(name + "_relu2", relu(), name + "_conv1");
        graph.addLayer(name + "_conv2", conv(3, channels), name + "_relu2");
        return add(name, name + "_conv2", input);
    }

    private String add(String name, String a, String b) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return name;
    }

    static ConvolutionLayer conv(int kernel, int channels) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).convolutionMode(ConvolutionMode.Same)
                .nOut(channels).activation(Activation.IDENTITY).build();
    }

    static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static SubsamplingLayer avgPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build();
    }

    /** How many 2x steps lead from a start size in [4, 7] to {@code size}: 28 = 7 x 2^2, 32 = 4 x 2^3. */
    static int doublings(int size) {
        int n = 0;
        while (size % 2 == 0 && size / 2 >= 4) {
            size /= 2;
            n++;
        }
        return n;
    }
}

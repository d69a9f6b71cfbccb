package io.gantry.examples.graph;

import io.gantry.api.ParameterSchema;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/** Residual blocks of dense layers: x + W2 act(W1 act(x)), the pre-activation form of He et al. 2016. */
final class ResidualMlp {
    private ResidualMlp() {
    }

    /** The parameters both networks take. */
    static ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("width", 256, 1, 4096, "units of every block")
                .integer("blocks", 2, 1, 32, "residual blocks")
                .build();
    }

    /** Adds {@code blocks} residual blocks of {@code width} after {@code input}; returns the last vertex's name. */
    static String blocks(GraphBuilder graph, String input, int width, int blocks) {
        String x = input;
        for (int i = 0; i < blocks; i++) {
            String name = "block" + i;
            graph.addLayer(name + "_a", new DenseLayer.Builder().nOut(width).activation(Activation.LEAKYRELU).build(), x)
                    .addLayer(name + "_b", new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build(),
                            name + "_a")
                    .addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_b", x);
            x = name;
        }
        return x;
    }
}

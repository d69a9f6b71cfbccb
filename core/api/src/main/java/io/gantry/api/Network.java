package io.gantry.api;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What an architecture builds: a DL4J network, uninitialised, either a layer stack
 * ({@link MultiLayerNetwork}) or a graph ({@link ComputationGraph}: skip connections, residual
 * blocks), with one input and one output. The engine sets the optimizer, initialises it and trains it.
 */
public sealed interface Network permits Network.LayerStack, Network.Graph {

    static Network of(MultiLayerNetwork net) {
        return new LayerStack(net);
    }

    static Network of(ComputationGraph graph) {
        return new Graph(graph);
    }

    /** A {@link MultiLayerNetwork}. */
    record LayerStack(MultiLayerNetwork net) implements Network {
        public LayerStack {
            java.util.Objects.requireNonNull(net, "net");
        }
    }

    /** A {@link ComputationGraph} with exactly one input and one output. */
    record Graph(ComputationGraph graph) implements Network {
        public Graph {
            java.util.Objects.requireNonNull(graph, "graph");
            var conf = graph.getConfiguration();
            if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
                throw new IllegalArgumentException("a GAN network has one input and one output; this graph has inputs "
                        + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
            }
        }
    }
}

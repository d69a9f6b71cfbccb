package io.gantry.engine;

import io.gantry.api.Network;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;

/**
 * A network's parameter count read from its configuration, before anything is allocated: a width of a
 * billion would otherwise reach ND4J's allocator and end the JVM in native code.
 */
public final class NetworkSize {
    /** Parameters, their gradients and an optimizer's two moment arrays, at 4 bytes each. */
    static final int BYTES_PER_PARAMETER = 16;
    /** DL4J keeps each network's parameters in one flat array with int offsets in places. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE;

    private NetworkSize() {
    }

    /** The parameters {@code network} will have once initialised (batch norm statistics included). */
    public static long parameters(Network network) {
        long n = 0;
        if (network instanceof Network.LayerStack s) {
            for (NeuralNetConfiguration conf : s.net().getLayerWiseConfigurations().getConfs()) {
                n += conf.getLayer().initializer().numParams(conf);
            }
        } else {
            for (GraphVertex vertex : ((Network.Graph) network).graph().getConfiguration().getVertices().values()) {
                n += vertex.numParams(true);
            }
        }
        return n;
    }

    /**
     * @param role "generator" or "discriminator", for the message
     * @param memoryBytes what the machine can give the networks
     * @throws IllegalArgumentException saying how large the network is and what to lower
     */
    public static void requireFits(Network network, String role, long memoryBytes) {
        long n = parameters(network);
        if (n > MAX_PARAMETERS || n * BYTES_PER_PARAMETER > memoryBytes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the %s would have %,d parameters (%.1f GB with its gradients and optimizer state), more than "
                            + "this machine's %.1f GB%s: lower its widths", role, n, n * (double) BYTES_PER_PARAMETER / 1e9,
                    memoryBytes / 1e9, n > MAX_PARAMETERS ? " and more than DL4J's limit of 2^31 - 1 a network" : ""));
        }
    }
}

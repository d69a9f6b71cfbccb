package io.gantry.engine;

import io.gantry.api.ImageShape;
import io.gantry.api.Network;
import io.gantry.kernels.FasterLayers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The two networks of a GAN, each with its own optimizer. Architectures return networks without an
 * updater of their own; {@link #withOptimizer} is the one place where the spec's optimizer is put into
 * them. Gantry also replaces slow DL4J kernels of layer stacks with equivalents ({@link FasterLayers}):
 * layer twins, which must be chosen before init, hence in {@link #withOptimizer}; activations and batch
 * norm, which can be swapped after init, hence in the constructor, so that networks read back from a
 * checkpoint get them too.
 */
public record GanNetworks(TrainableNet generator, TrainableNet discriminator, ImageShape imageShape, int latentDim) {

    public GanNetworks {
        for (TrainableNet net : new TrainableNet[] {generator, discriminator}) {
            if (net instanceof LayerStackNet stack) {
                FasterLayers.afterInit(stack.net());
            }
        }
    }

    /**
     * Sets {@code updater} on every trainable layer of {@code network}, puts Gantry's layer twins in
     * (layer stacks: {@link FasterLayers#beforeInit}) and initialises it.
     */
    public static TrainableNet withOptimizer(Network network, IUpdater updater) {
        if (network instanceof Network.LayerStack s) {
            MultiLayerNetwork net = s.net();
            requireNotInitialised(net.isInitCalled());
            FasterLayers.beforeInit(net.getLayerWiseConfigurations());
            for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
                setUpdater(conf.getLayer(), updater);
            }
            net.init();
        } else {
            ComputationGraph graph = ((Network.Graph) network).graph();
            requireNotInitialised(graph.getLayers() != null);
            for (GraphVertex vertex : graph.getConfiguration().getVertices().values()) {
                if (vertex instanceof LayerVertex layer) {
                    setUpdater(layer.getLayerConf().getLayer(), updater);
                }
            }
            graph.init();
        }
        return TrainableNet.of(network);
    }

    /** A network from a model zip (initialised, optimizer state included), ready to train on. */
    public static TrainableNet restored(Network network) {
        if (network instanceof Network.LayerStack s) {
            return TrainableNet.of(Network.of(FasterLayers.withTwins(s.net())));
        }
        return TrainableNet.of(network);
    }

    /** The same, for a layer stack. */
    public static MultiLayerNetwork withOptimizer(MultiLayerNetwork net, IUpdater updater) {
        return ((LayerStackNet) withOptimizer(Network.of(net), updater)).net();
    }

    private static void setUpdater(Layer layer, IUpdater updater) {
        if (layer instanceof BaseLayer base) {
            base.setIUpdater(updater.clone());
            // Bias updates follow the same optimizer unless an architecture asked otherwise.
            base.setBiasUpdater(null);
        }
    }

    private static void requireNotInitialised(boolean initialised) {
        if (initialised) {
            throw new IllegalStateException("architectures must return networks before init(): "
                    + "the engine sets the optimizer, then initialises");
        }
    }
}

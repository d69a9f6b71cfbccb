package io.gantry.engine;

import io.gantry.api.ImageShape;
import io.gantry.kernels.FasterLayers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The two networks of a GAN, each with its own optimizer. Architectures return networks without an
 * updater of their own; {@link #withOptimizer} is the one place where the spec's optimizer is put into
 * them. Gantry also replaces slow DL4J kernels with equivalents ({@link FasterLayers}): layer twins,
 * which must be chosen before init, hence in {@link #withOptimizer}; activations and batch norm,
 * which can be swapped after init, hence in the constructor, so that networks read back from a
 * checkpoint get them too.
 */
public record GanNetworks(MultiLayerNetwork generator, MultiLayerNetwork discriminator, ImageShape imageShape,
                          int latentDim) {

    public GanNetworks {
        FasterLayers.afterInit(generator);
        FasterLayers.afterInit(discriminator);
    }

    /**
     * Sets {@code updater} on every trainable layer of {@code net}, puts Gantry's layer twins in
     * ({@link FasterLayers#beforeInit}) and initialises it.
     */
    public static MultiLayerNetwork withOptimizer(MultiLayerNetwork net, IUpdater updater) {
        if (net.isInitCalled()) {
            throw new IllegalStateException("architectures must return networks before init(): "
                    + "the engine sets the optimizer, then initialises");
        }
        FasterLayers.beforeInit(net.getLayerWiseConfigurations());
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            Layer layer = conf.getLayer();
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                // Bias updates follow the same optimizer unless an architecture asked otherwise.
                base.setBiasUpdater(null);
            }
        }
        net.init();
        return net;
    }
}

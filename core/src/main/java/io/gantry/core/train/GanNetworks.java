package io.gantry.core.train;

import io.gantry.core.api.ImageShape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The two networks of a GAN, each with its own optimizer. Architectures return networks without an
 * updater of their own; this is the one place where the spec's optimizer is put into them.
 */
public record GanNetworks(MultiLayerNetwork generator, MultiLayerNetwork discriminator, ImageShape imageShape,
                          int latentDim) {

    /** Sets {@code updater} on every trainable layer of {@code net} and initialises it. */
    public static MultiLayerNetwork withOptimizer(MultiLayerNetwork net, IUpdater updater) {
        if (net.isInitCalled()) {
            throw new IllegalStateException("architectures must return networks before init(): "
                    + "the engine sets the optimizer, then initialises");
        }
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

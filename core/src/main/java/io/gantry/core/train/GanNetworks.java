package io.gantry.core.train;

import io.gantry.core.api.ImageShape;
import io.gantry.core.nn.NoRecompute;
import io.gantry.core.nn.VectorActivations;
import io.gantry.core.nn.VectorLeakyReLU;
import io.gantry.core.nn.VectorPooling;
import io.gantry.core.nn.VectorTanh;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.normalization.VectorBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The two networks of a GAN, each with its own optimizer. Architectures return networks without an
 * updater of their own; {@link #withOptimizer} is the one place where the spec's optimizer is put into
 * them. Gantry also replaces slow DL4J kernels with equivalents (same functions, faster on CPU):
 * dense and convolution layers without a second forward pass ({@link NoRecompute}) and max pooling
 * ({@link VectorPooling}), which must be chosen before init, hence in {@link #withOptimizer}; leaky
 * ReLU, tanh and batch norm ({@link #vectorise}), which can be swapped after init, hence here, so that
 * networks read back from a checkpoint get them too.
 */
public record GanNetworks(MultiLayerNetwork generator, MultiLayerNetwork discriminator, ImageShape imageShape,
                          int latentDim) {

    public GanNetworks {
        vectorise(generator);
        vectorise(discriminator);
    }

    /**
     * Runs DL4J's leaky ReLUs and tanh in an initialised {@code net} as {@link VectorLeakyReLU} and
     * {@link VectorTanh} and its batch-norm layers with {@link VectorBatchNormHelper} (bench/NOTES.md,
     * entries 10, 11 and 21). Layers read their
     * activation from the configuration on every call, so swapping it after init is enough.
     */
    public static void vectorise(MultiLayerNetwork net) {
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            Layer layer = conf.getLayer();
            if (layer instanceof ActivationLayer activation) {
                activation.setActivationFn(VectorActivations.inPlaceOf(activation.getActivationFn()));
            } else if (layer instanceof BaseLayer base) {
                base.setActivationFn(VectorActivations.inPlaceOf(base.getActivationFn()));
            }
        }
        VectorBatchNormHelper.install(net);
    }

    /**
     * Sets {@code updater} on every trainable layer of {@code net}, runs its dense and convolution
     * layers as {@link NoRecompute} layers and its pooling layers as {@link VectorPooling}'s, and
     * initialises it.
     */
    public static MultiLayerNetwork withOptimizer(MultiLayerNetwork net, IUpdater updater) {
        if (net.isInitCalled()) {
            throw new IllegalStateException("architectures must return networks before init(): "
                    + "the engine sets the optimizer, then initialises");
        }
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            conf.setLayer(VectorPooling.inPlaceOf(NoRecompute.inPlaceOf(conf.getLayer())));
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

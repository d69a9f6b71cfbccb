package io.gantry.core.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.normalization.VectorBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The one place that puts Gantry's equivalents of DL4J's slow CPU kernels into a network (same
 * functions, faster; bench/NOTES.md says by how much). Layer twins decide the runtime class, so they
 * are chosen before init ({@link #beforeInit}); activations and batch-norm helpers can be swapped in
 * an initialised network ({@link #afterInit}), so that networks read back from disk get them too.
 */
public final class FasterLayers {

    private FasterLayers() {
    }

    /**
     * Dense and convolution layers without a second forward pass ({@link NoRecompute}) and max pooling
     * in Java ({@link VectorPooling}), in place of DL4J's exact classes.
     */
    public static void beforeInit(MultiLayerConfiguration conf) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            layerConf.setLayer(VectorPooling.inPlaceOf(NoRecompute.inPlaceOf(layerConf.getLayer())));
        }
    }

    /**
     * Leaky ReLU and tanh as {@link VectorLeakyReLU} and {@link VectorTanh}, batch norm with
     * {@link VectorBatchNormHelper}. Layers read their activation from the configuration on every
     * call, so swapping it after init is enough.
     */
    public static void afterInit(MultiLayerNetwork net) {
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
}

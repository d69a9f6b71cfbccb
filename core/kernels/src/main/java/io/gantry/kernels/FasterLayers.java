package io.gantry.kernels;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.normalization.VectorBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place that puts Gantry's equivalents of DL4J's slow CPU kernels into a network (same
 * functions, faster; bench/NOTES.md says by how much). Layer twins decide the runtime class, so they
 * are chosen before init ({@link #beforeInit}); activations and batch-norm helpers can be swapped in
 * an initialised network ({@link #afterInit}). Files hold DL4J's classes only ({@link Dl4jClasses}); a
 * network read back gets its twins from {@link #withTwins}.
 */
public final class FasterLayers {

    private FasterLayers() {
    }

    /**
     * Dense and convolution layers without a second forward pass ({@link NoRecompute}) and max pooling
     * in Java ({@link VectorPooling}), in place of DL4J's exact classes.
     */
    public static void beforeInit(MultiLayerConfiguration conf) {
        if (!Kernels.enabled()) {
            return;
        }
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
        if (!Kernels.enabled()) {
            return;
        }
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
     * {@code restored} (a model read from disk, which names DL4J's classes only) as a network with the
     * twins in, holding the same parameters, updater state and iteration and epoch counts.
     */
    public static MultiLayerNetwork withTwins(MultiLayerNetwork restored) {
        if (!Kernels.enabled()) {
            return restored;
        }
        MultiLayerConfiguration conf = restored.getLayerWiseConfigurations();
        INDArray updaterState = restored.getUpdater() == null ? null : restored.getUpdater().getStateViewArray();
        beforeInit(conf);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(restored.params(), false);
        if (updaterState != null) {
            net.getUpdater().setStateViewArray(net, updaterState, false);
        }
        afterInit(net);
        return net;
    }
}

package io.gantry.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * What a network's configuration looks like with DL4J's own classes in place of Gantry's twins:
 * what every saved model and checkpoint contains, so that DL4J alone restores them and renaming a
 * twin breaks nothing on disk. The twins add no configuration of their own, so the swap is exact.
 */
public final class Dl4jClasses {
    /** The twins' names in files written before Plugin API 2, and the DL4J classes they stand for. */
    private static final Map<String, String> LEGACY_NAMES = legacyNames();

    private Dl4jClasses() {
    }

    /**
     * Runs {@code save} while {@code net}'s configuration names only DL4J's classes, then puts the twins
     * back. Nothing may run the network meanwhile (saving happens between training steps).
     */
    public static <T> T whileSaving(MultiLayerNetwork net, Callable<T> save) throws Exception {
        List<NeuralNetConfiguration> confs = net.getLayerWiseConfigurations().getConfs();
        List<Layer> twins = new ArrayList<>(confs.size());
        for (NeuralNetConfiguration conf : confs) {
            twins.add(conf.getLayer());
            conf.setLayer(plain(conf.getLayer()));
        }
        try {
            return save.call();
        } finally {
            for (int i = 0; i < confs.size(); i++) {
                confs.get(i).setLayer(twins.get(i));
            }
        }
    }

    /** {@code layer}, or a copy with DL4J's own layer and activation classes where it has twins. */
    static Layer plain(Layer layer) {
        Layer plain = layer;
        if (layer instanceof NoRecompute.ConvolutionLayer) {
            plain = NoRecompute.copy(layer, new org.deeplearning4j.nn.conf.layers.ConvolutionLayer());
        } else if (layer instanceof NoRecompute.Deconvolution2D) {
            plain = NoRecompute.copy(layer, new org.deeplearning4j.nn.conf.layers.Deconvolution2D());
        } else if (layer instanceof NoRecompute.DenseLayer) {
            plain = NoRecompute.copy(layer, new org.deeplearning4j.nn.conf.layers.DenseLayer());
        } else if (layer instanceof VectorPooling.SubsamplingLayer) {
            plain = NoRecompute.copy(layer, new org.deeplearning4j.nn.conf.layers.SubsamplingLayer());
        }
        if (layer instanceof ActivationLayer a && plain(a.getActivationFn()) != a.getActivationFn()) {
            ActivationLayer copy = NoRecompute.copy(a, new ActivationLayer());
            copy.setActivationFn(plain(a.getActivationFn()));
            return copy;
        }
        if (layer instanceof BaseLayer b && plain(b.getActivationFn()) != b.getActivationFn()) {
            BaseLayer copy = plain == layer ? NoRecompute.copy(layer, newInstance(b)) : (BaseLayer) plain;
            copy.setActivationFn(plain(b.getActivationFn()));
            return copy;
        }
        return plain;
    }

    private static BaseLayer newInstance(BaseLayer like) {
        try {
            return like.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy layer " + like.getClass().getName(), e);
        }
    }

    static IActivation plain(IActivation fn) {
        if (fn instanceof VectorLeakyReLU lrelu) {
            return new ActivationLReLU(lrelu.getAlpha());
        }
        if (fn instanceof VectorTanh) {
            return new ActivationTanH();
        }
        if (fn instanceof VectorReLU) {
            return new ActivationReLU();
        }
        return fn;
    }

    /**
     * A model configuration written before Plugin API 2 (which named the twins in package
     * {@code io.gantry.core.nn}) with DL4J's class names instead; other text unchanged.
     */
    public static String fromLegacyJson(String json) {
        String result = json;
        for (Map.Entry<String, String> e : LEGACY_NAMES.entrySet()) {
            result = result.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
        }
        return result;
    }

    public static boolean isLegacyJson(String json) {
        return json.contains("\"io.gantry.core.nn.");
    }

    private static Map<String, String> legacyNames() {
        Map<String, String> names = new LinkedHashMap<>();
        String old = "io.gantry.core.nn.";
        names.put(old + "NoRecompute$ConvolutionLayer", "org.deeplearning4j.nn.conf.layers.ConvolutionLayer");
        names.put(old + "NoRecompute$Deconvolution2D", "org.deeplearning4j.nn.conf.layers.Deconvolution2D");
        names.put(old + "NoRecompute$DenseLayer", "org.deeplearning4j.nn.conf.layers.DenseLayer");
        names.put(old + "VectorPooling$SubsamplingLayer", "org.deeplearning4j.nn.conf.layers.SubsamplingLayer");
        names.put(old + "VectorLeakyReLU", "org.nd4j.linalg.activations.impl.ActivationLReLU");
        names.put(old + "VectorTanh", "org.nd4j.linalg.activations.impl.ActivationTanH");
        names.put(old + "VectorReLU", "org.nd4j.linalg.activations.impl.ActivationReLU");
        return Map.copyOf(names);
    }
}

package io.gantry.core.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution and transposed-convolution layers run their whole forward pass again at the
 * start of every backward pass, only to hand its result to the activation's derivative. With an
 * identity activation (a convolution followed by batch norm, as in every DCGAN here) that derivative
 * ignores it, so the second forward pass is pure waste: ~80 ms of seed 000's G step for each large
 * layer (bench/NOTES.md, entry 14). These subclasses skip it there and are DL4J's layers otherwise;
 * they keep DL4J's simple names, so {@code describe} reads the same. {@code GanNetworks} swaps them in
 * before init ({@link #inPlaceOf}); saved models name them.
 */
public final class NoRecompute {
    private NoRecompute() {
    }

    /** {@code layer} itself, or its no-recompute twin where it is exactly DL4J's (a subclass may mean more). */
    public static org.deeplearning4j.nn.conf.layers.Layer inPlaceOf(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer.getClass() == org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class) {
            return copy(layer, new ConvolutionLayer());
        }
        if (layer.getClass() == org.deeplearning4j.nn.conf.layers.Deconvolution2D.class) {
            return copy(layer, new Deconvolution2D());
        }
        return layer;
    }

    /** Every field up the hierarchy, so a setting added to DL4J's layer classes is not silently dropped. */
    private static <T> T copy(Object from, T to) {
        for (Class<?> c = from.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    field.set(to, field.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
        return to;
    }

    private static <L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L wire(L layer,
            NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index, INDArray paramsView,
            boolean initializeParams, org.deeplearning4j.nn.conf.layers.Layer confLayer) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = confLayer.initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The layer's output gradient stands in for the recomputed forward result the identity's derivative ignores. */
    private static boolean identity(org.deeplearning4j.nn.conf.layers.BaseLayer conf) {
        return conf.getActivationFn() instanceof ActivationIdentity;
    }

    /** DL4J's {@code ConvolutionLayer}, without the second forward pass. */
    public static class ConvolutionLayer extends org.deeplearning4j.nn.conf.layers.ConvolutionLayer {
        /** For Jackson, which reads the layer back from a saved model's configuration. */
        public ConvolutionLayer() {
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return wire(new ConvolutionRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                    this);
        }
    }

    /** DL4J's {@code Deconvolution2D}, without the second forward pass. */
    public static class Deconvolution2D extends org.deeplearning4j.nn.conf.layers.Deconvolution2D {
        /** For Jackson, which reads the layer back from a saved model's configuration. */
        public Deconvolution2D() {
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return wire(new DeconvolutionRuntime(conf, dataType), conf, listeners, index, paramsView,
                    initializeParams, this);
        }
    }

    /** The output gradient of one backward pass, standing in for the forward result it would recompute. */
    private static final class StandIn {
        private INDArray outputGradient;

        Pair<Gradient, INDArray> backward(INDArray epsilon, boolean skip, Supplier<Pair<Gradient, INDArray>> dl4j) {
            outputGradient = skip ? epsilon : null;
            try {
                return dl4j.get();
            } finally {
                outputGradient = null;
            }
        }

        Pair<INDArray, INDArray> forward(boolean forBackprop, Supplier<Pair<INDArray, INDArray>> dl4j) {
            return forBackprop && outputGradient != null ? new Pair<>(outputGradient, null) : dl4j.get();
        }
    }

    static final class ConvolutionRuntime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final StandIn standIn = new StandIn();

        ConvolutionRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            // Only oneDNN's path (the helper) does without the im2col array the forward pass also returns.
            boolean skip = helper != null && helperCountFail == 0 && identity(layerConf())
                    && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW;
            return standIn.backward(epsilon, skip, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                       LayerWorkspaceMgr workspaceMgr) {
            return standIn.forward(forBackprop, () -> super.preOutput4d(training, forBackprop, workspaceMgr));
        }
    }

    static final class DeconvolutionRuntime extends Deconvolution2DLayer {
        private final StandIn standIn = new StandIn();

        DeconvolutionRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return standIn.backward(epsilon, identity(layerConf()),
                    () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                       LayerWorkspaceMgr workspaceMgr) {
            return standIn.forward(forBackprop, () -> super.preOutput4d(training, forBackprop, workspaceMgr));
        }
    }
}

package io.gantry.kernels;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense, convolution and transposed-convolution layers run their whole forward pass again at
 * the start of every backward pass, only to hand its result (the pre-activation) to the activation's
 * derivative: ~80 ms of seed 000's G step for each large layer (bench/NOTES.md, entries 14 and 16).
 * These subclasses skip it and are DL4J's layers otherwise. With an identity activation (a layer
 * followed by batch norm, as in every DCGAN here) the derivative ignores that result, so the output
 * gradient stands in for it; with any other activation (seed 004's tanh convolutions, the MLPs'
 * dense layers) the training forward pass keeps a copy of the pre-activation before the activation
 * overwrites it, and the backward pass that follows uses it once. They keep DL4J's simple names, so
 * {@code describe} reads the same. {@code GanNetworks} swaps them in before init ({@link #inPlaceOf});
 * saved models name them.
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
        if (layer.getClass() == org.deeplearning4j.nn.conf.layers.DenseLayer.class) {
            return copy(layer, new DenseLayer());
        }
        return layer;
    }

    /** Every field up the hierarchy, so a setting added to DL4J's layer classes is not silently dropped. */
    static <T> T copy(Object from, T to) {
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

    /** What DL4J's configuration classes do with the runtime layer they instantiate. */
    static <L extends Layer> L wire(L layer,
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

    /** DL4J's {@code DenseLayer}, without the second forward pass. */
    public static class DenseLayer extends org.deeplearning4j.nn.conf.layers.DenseLayer {
        /** For Jackson, which reads the layer back from a saved model's configuration. */
        public DenseLayer() {
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            LayerValidation.assertNInNOutSet("DenseLayer", getLayerName(), index, getNIn(), getNOut());
            return wire(new DenseRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams, this);
        }
    }

    /**
     * What one layer's backward pass uses instead of recomputing its forward result: the output
     * gradient under an identity activation, else the pre-activation its training forward pass kept.
     */
    private static final class StandIn {
        private final org.deeplearning4j.nn.layers.BaseLayer<?> layer;
        private final BooleanSupplier skips;
        private INDArray kept;
        private INDArray keptFor;
        private INDArray inBackward;

        /** {@code skips}: whether the layer's settings let its backward pass do without the recomputation. */
        StandIn(org.deeplearning4j.nn.layers.BaseLayer<?> layer, BooleanSupplier skips) {
            this.layer = layer;
            this.skips = skips;
        }

        private IActivation activation() {
            return ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer()).getActivationFn();
        }

        Pair<Gradient, INDArray> backward(INDArray epsilon, Supplier<Pair<Gradient, INDArray>> dl4j) {
            if (skips.getAsBoolean()) {
                // DL4J recomputes from the layer's current input: a copy kept for another input will not do.
                inBackward = activation() instanceof ActivationIdentity ? epsilon
                        : layer.getInput() == keptFor ? kept : null;
            }
            // Used once: the activation's derivative overwrites it.
            clear();
            try {
                return dl4j.get();
            } finally {
                inBackward = null;
            }
        }

        /**
         * The forward result: in a backward pass its stand-in where there is one, else DL4J's
         * computation, a copy of which a training forward pass keeps before the activation
         * overwrites it in place.
         */
        Pair<INDArray, INDArray> forward(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr,
                                         Supplier<Pair<INDArray, INDArray>> dl4j) {
            if (forBackprop) {
                return inBackward != null ? new Pair<>(inBackward, null) : dl4j.get();
            }
            Pair<INDArray, INDArray> z = dl4j.get();
            boolean keep = training && skips.getAsBoolean() && !(activation() instanceof ActivationIdentity);
            kept = keep ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z.getFirst()) : null;
            keptFor = keep ? layer.getInput() : null;
            return z;
        }

        void clear() {
            kept = null;
            keptFor = null;
        }
    }

    static final class ConvolutionRuntime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        // Only oneDNN's path (the helper) does without the im2col array DL4J's forward pass also returns.
        private final StandIn standIn = new StandIn(this, () -> helper != null && helperCountFail == 0
                && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW);

        ConvolutionRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return standIn.backward(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                     LayerWorkspaceMgr workspaceMgr) {
            return standIn.forward(training, forBackprop, workspaceMgr,
                    () -> super.preOutput(training, forBackprop, workspaceMgr));
        }

        @Override
        public void clear() {
            super.clear();
            standIn.clear();
        }
    }

    static final class DeconvolutionRuntime extends Deconvolution2DLayer {
        private final StandIn standIn = new StandIn(this, () -> true);

        DeconvolutionRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return standIn.backward(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                     LayerWorkspaceMgr workspaceMgr) {
            return standIn.forward(training, forBackprop, workspaceMgr,
                    () -> super.preOutput(training, forBackprop, workspaceMgr));
        }

        @Override
        public void clear() {
            super.clear();
            standIn.clear();
        }
    }

    /**
     * DL4J's dense layer, whose products, bias sum and bias add go to OpenBLAS straight ({@link DirectBlas}:
     * 50-250 µs less a call than ND4J's route, on layers whose product may take less than that). Layer
     * norm keeps DL4J's whole pass, and so does any array BLAS cannot read as it lies.
     */
    static final class DenseRuntime extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer
            implements SkippableGradients {
        // Layer norm's backward pass needs the pre-norm result too, which only the recomputation gives.
        private final StandIn standIn = new StandIn(this, () -> !hasLayerNorm());
        private boolean parameterGradients = true;
        private boolean inputGradient = true;

        DenseRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void wantGradients(boolean parameters, boolean input) {
            this.parameterGradients = parameters;
            this.inputGradient = input;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return standIn.backward(epsilon, () -> hasLayerNorm() ? super.backpropGradient(epsilon, workspaceMgr)
                    : directBackprop(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                                LayerWorkspaceMgr workspaceMgr) {
            return standIn.forward(training, forBackprop, workspaceMgr, () -> hasLayerNorm() || !fitsBlas()
                    ? super.preOutputWithPreNorm(training, forBackprop, workspaceMgr)
                    : directPreOutput(training, forBackprop, workspaceMgr));
        }

        /** A matrix input of the layer's width, so that DL4J's own pass reports anything else. */
        private boolean fitsBlas() {
            return input != null && input.rank() == 2
                    && input.columns() == getParam(DefaultParamInitializer.WEIGHT_KEY).rows();
        }

        /** BaseLayer's forward pass, products by {@link DirectBlas}. */
        private Pair<INDArray, INDArray> directPreOutput(boolean training, boolean forBackprop,
                                                         LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
            INDArray x = input.castTo(dataType);
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), x.size(0), w.size(1));
            if (!DirectBlas.gemm(x, false, w, false, z, 0)) {
                x.castTo(z.dataType()).mmuli(w, z);
            }
            if (hasBias() && !DirectBlas.addRowVector(z, b)) {
                z.addiRowVector(b);
            }
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }

        /** BaseLayer's backward pass, products and the bias sum by {@link DirectBlas}. */
        private Pair<Gradient, INDArray> directBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    delta.size(0), w.size(0));
            if (this.inputGradient && !DirectBlas.gemm(delta, false, w, true, inputGradient, 0)) {
                Nd4j.gemm(delta, w, inputGradient, false, true, 1.0, 0.0);
            }
            if (parameterGradients) {
                if (hasBias()) {
                    INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                    if (!DirectBlas.columnSums(delta, biasGradient)) {
                        delta.sum(biasGradient, 0);
                    }
                    gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
                }
                INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
                INDArray x = input.castTo(weightGradient.dataType());
                if (!DirectBlas.gemm(x, true, delta, false, weightGradient, 0)) {
                    Nd4j.gemm(x, delta, weightGradient, true, false, 1.0, 0.0);
                }
                gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
            }
            weightNoiseParams.clear();
            return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
        }

        @Override
        public void clear() {
            super.clear();
            standIn.clear();
        }
    }
}

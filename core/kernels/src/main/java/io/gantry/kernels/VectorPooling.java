package io.gantry.kernels;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling over non-overlapping windows (kernel = stride, no padding: Keras's and PyTorch's
 * default) in Java loops. libnd4j's {@code maxpool2d} and {@code maxpool2d_bp} took 53 and 79 ms on
 * seed 004's [128, 64, 28, 28] discriminator activation, where copying that array once takes 3 ms
 * (bench/NOTES.md, entry 22). Anything else (average or p-norm pooling, overlapping or padded
 * windows, NHWC, double, strided arrays) runs DL4J's code. The gradient goes to the first maximum of
 * each window in row-major order, as libnd4j's does. The configuration class keeps DL4J's simple
 * name, so {@code describe} reads the same; {@code GanNetworks} swaps it in before init
 * ({@link #inPlaceOf}); saved models name it.
 */
public final class VectorPooling {
    private static final ThreadLocal<float[][]> PLANES = ThreadLocal.withInitial(() -> new float[3][0]);

    private VectorPooling() {
    }

    /** {@code layer} itself, or its twin where it is exactly DL4J's pooling layer (a subclass may mean more). */
    public static org.deeplearning4j.nn.conf.layers.Layer inPlaceOf(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer.getClass() == org.deeplearning4j.nn.conf.layers.SubsamplingLayer.class) {
            return NoRecompute.copy(layer, new SubsamplingLayer());
        }
        return layer;
    }

    /** DL4J's {@code SubsamplingLayer}, with max pooling over non-overlapping windows in Java. */
    public static class SubsamplingLayer extends org.deeplearning4j.nn.conf.layers.SubsamplingLayer {
        /** For Jackson, which reads the layer back from a saved model's configuration. */
        public SubsamplingLayer() {
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                 INDArray paramsView, boolean initializeParams, DataType dataType) {
            return NoRecompute.wire(new PoolingRuntime(conf, dataType), conf, listeners, index, paramsView,
                    initializeParams, this);
        }
    }

    static final class PoolingRuntime extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        PoolingRuntime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            Windows w = input == null || input.dataType() != dataType ? null
                    : Windows.of(input, layerConf(), convolutionMode);
            FloatBuffer in = w == null ? null : HostFloats.denseRowMajor(input);
            if (in == null) {
                return super.activate(training, workspaceMgr);
            }
            INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), w.outShape(),
                    'c');
            maxForward(in, HostFloats.denseRowMajor(output), w);
            return output;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            Windows w = input == null || input.dataType() != dataType ? null
                    : Windows.of(input, layerConf(), convolutionMode);
            FloatBuffer in = w == null ? null : HostFloats.denseRowMajor(input);
            FloatBuffer eps = in == null || !Arrays.equals(epsilon.shape(), w.outShape())
                    ? null : HostFloats.denseRowMajor(epsilon);
            if (eps == null) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), 'c');
            maxBackward(in, eps, HostFloats.denseRowMajor(epsAtInput), w);
            return new Pair<>(new DefaultGradient(), epsAtInput);
        }
    }

    private static void maxForward(FloatBuffer in, FloatBuffer out, Windows w) {
        float[][] planes = planes(w);
        float[] x = planes[0];
        float[] y = planes[1];
        for (int p = 0; p < w.planes; p++) {
            in.get(p * w.inPlane(), x, 0, w.inPlane());
            for (int oh = 0; oh < w.outH; oh++) {
                for (int ow = 0; ow < w.outW; ow++) {
                    int corner = oh * w.kh * w.inW + ow * w.kw;
                    float max = x[corner];
                    for (int i = 0; i < w.kh; i++) {
                        for (int j = 0; j < w.kw; j++) {
                            // Math.max keeps NaN
                            max = Math.max(max, x[corner + i * w.inW + j]);
                        }
                    }
                    y[oh * w.outW + ow] = max;
                }
            }
            out.put(p * w.outPlane(), y, 0, w.outPlane());
        }
    }

    private static void maxBackward(FloatBuffer in, FloatBuffer eps, FloatBuffer grad, Windows w) {
        float[][] planes = planes(w);
        float[] x = planes[0];
        float[] e = planes[1];
        float[] g = planes[2];
        for (int p = 0; p < w.planes; p++) {
            in.get(p * w.inPlane(), x, 0, w.inPlane());
            eps.get(p * w.outPlane(), e, 0, w.outPlane());
            // rows and columns past the last whole window get no gradient
            Arrays.fill(g, 0, w.inPlane(), 0f);
            for (int oh = 0; oh < w.outH; oh++) {
                for (int ow = 0; ow < w.outW; ow++) {
                    int corner = oh * w.kh * w.inW + ow * w.kw;
                    int argmax = corner;
                    for (int i = 0; i < w.kh; i++) {
                        for (int j = 0; j < w.kw; j++) {
                            int at = corner + i * w.inW + j;
                            if (x[at] > x[argmax]) {
                                argmax = at;
                            }
                        }
                    }
                    g[argmax] = e[oh * w.outW + ow];
                }
            }
            grad.put(p * w.inPlane(), g, 0, w.inPlane());
        }
    }

    private static float[][] planes(Windows w) {
        float[][] planes = PLANES.get();
        if (planes[0].length < w.inPlane()) {
            planes[0] = new float[w.inPlane()];
            planes[1] = new float[w.inPlane()];
            planes[2] = new float[w.inPlane()];
        }
        return planes;
    }

    /** The non-overlapping max-pooling windows of an NCHW input, or null where they are not that. */
    record Windows(int planes, int inH, int inW, int kh, int kw, int outH, int outW, long batch, long channels) {
        static Windows of(INDArray input, org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf, ConvolutionMode mode) {
            int[] kernel = conf.getKernelSize();
            int[] pad = conf.getPadding();
            int[] dilation = conf.getDilation();
            if (conf.getPoolingType() != PoolingType.MAX || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || input.rank() != 4 || !Arrays.equals(kernel, conf.getStride()) || pad[0] != 0 || pad[1] != 0
                    || dilation[0] != 1 || dilation[1] != 1 || input.size(0) * input.size(1) > Integer.MAX_VALUE) {
                return null;
            }
            int inH = (int) input.size(2);
            int inW = (int) input.size(3);
            int kh = kernel[0];
            int kw = kernel[1];
            // 'Same' pads the last window when the size is not a multiple; truncation drops the rest
            if (kh > inH || kw > inW || mode == ConvolutionMode.Same && (inH % kh != 0 || inW % kw != 0)) {
                return null;
            }
            return new Windows((int) (input.size(0) * input.size(1)), inH, inW, kh, kw, inH / kh, inW / kw,
                    input.size(0), input.size(1));
        }

        int inPlane() {
            return inH * inW;
        }

        int outPlane() {
            return outH * outW;
        }

        long[] outShape() {
            return new long[] {batch, channels, outH, outW};
        }
    }
}

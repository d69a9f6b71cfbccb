package io.gantry.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch norm's training arithmetic over the rows of an [N, C] matrix (a dense layer's output), in
 * plain Java loops over the arrays' memory. On such inputs every libnd4j op costs far more than its
 * arithmetic: oneDNN's {@code batchnorm_bp} took 3.5 ms a call on seed 001's [128, 256..1024] layers
 * and a column sum alone 0.2-0.6 ms, where these loops take well under a millisecond for the whole
 * pass (bench/NOTES.md, entry 17). Statistics as DL4J's: biased batch variance, two-pass (centred).
 * Works in double whatever the arrays' type (float or double); one instance per layer, since it keeps
 * its scratch arrays between steps.
 */
public final class RowBatchNorm {
    private double[] a = new double[0];
    private double[] b = new double[0];
    private float[] floats = new float[0];

    /** Whether {@code x} (rank 2, or rank 4 with 1x1 maps) is an input these loops handle. */
    public static boolean handles(INDArray x) {
        return (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE) && x.size(0) > 0
                && x.length() / x.size(0) == x.size(1);
    }

    /**
     * Training forward pass: the batch's per-column mean and variance into {@code mean} and {@code var}
     * (length C), then {@code out = (x - mean) / sqrt(var + eps) * gamma + beta}.
     */
    public void forward(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray mean, INDArray var,
                        INDArray out) {
        int n = (int) x.size(0);
        int c = (int) (x.length() / n);
        double[] in = read(x, scratchA(n * c));
        double[] m = new double[c];
        double[] v = new double[c];
        for (int r = 0; r < n; r++) {
            int row = r * c;
            for (int j = 0; j < c; j++) {
                m[j] += in[row + j];
            }
        }
        for (int j = 0; j < c; j++) {
            m[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            int row = r * c;
            for (int j = 0; j < c; j++) {
                double d = in[row + j] - m[j];
                v[j] += d * d;
            }
        }
        double[] scale = read(gamma, new double[c]);
        double[] shift = read(beta, new double[c]);
        for (int j = 0; j < c; j++) {
            v[j] /= n;
            scale[j] /= Math.sqrt(v[j] + eps);
            shift[j] -= m[j] * scale[j];
        }
        double[] y = scratchB(n * c);
        for (int r = 0; r < n; r++) {
            int row = r * c;
            for (int j = 0; j < c; j++) {
                y[row + j] = in[row + j] * scale[j] + shift[j];
            }
        }
        write(m, mean);
        write(v, var);
        write(y, out);
    }

    /**
     * Backward pass of {@link #forward} with the batch statistics it computed: the parameter
     * gradients into {@code dGamma} and {@code dBeta} (length C) and the input gradient into {@code dx}.
     */
    public void backward(INDArray x, INDArray dy, INDArray gamma, INDArray mean, INDArray var, double eps,
                         INDArray dx, INDArray dGamma, INDArray dBeta) {
        int n = (int) x.size(0);
        int c = (int) (x.length() / n);
        double[] in = read(x, scratchA(n * c));
        double[] g = read(dy, scratchB(n * c));
        double[] m = read(mean, new double[c]);
        double[] invStd = read(var, new double[c]);
        for (int j = 0; j < c; j++) {
            invStd[j] = 1 / Math.sqrt(invStd[j] + eps);
        }
        double[] sumDy = new double[c];
        double[] sumDyXHat = new double[c];
        for (int r = 0; r < n; r++) {
            int row = r * c;
            for (int j = 0; j < c; j++) {
                double d = g[row + j];
                sumDy[j] += d;
                sumDyXHat[j] += d * (in[row + j] - m[j]) * invStd[j];
            }
        }
        // dx = k·(dy - sum(dy)/N - x̂·sum(dy·x̂)/N), k = gamma/std, x̂ = (x - mean)/std; written over x's copy
        double[] k = read(gamma, new double[c]);
        double[] meanDy = new double[c];
        double[] xHatFactor = new double[c];
        for (int j = 0; j < c; j++) {
            k[j] *= invStd[j];
            meanDy[j] = sumDy[j] / n;
            xHatFactor[j] = sumDyXHat[j] / n * invStd[j];
        }
        for (int r = 0; r < n; r++) {
            int row = r * c;
            for (int j = 0; j < c; j++) {
                in[row + j] = k[j] * (g[row + j] - meanDy[j] - (in[row + j] - m[j]) * xHatFactor[j]);
            }
        }
        write(in, dx);
        write(sumDyXHat, dGamma);
        write(sumDy, dBeta);
    }

    private double[] scratchA(int length) {
        if (a.length < length) {
            a = new double[length];
        }
        return a;
    }

    private double[] scratchB(int length) {
        if (b.length < length) {
            b = new double[length];
        }
        return b;
    }

    /** {@code array}'s elements in c order into {@code into} (a copy first where it is a strided view). */
    private double[] read(INDArray array, double[] into) {
        INDArray c = contiguous(array);
        int length = (int) c.length();
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().slice().get(0, into, 0, length);
            return into;
        }
        float[] f = floats(length);
        c.data().asNioFloat().slice().get(0, f, 0, length);
        for (int i = 0; i < length; i++) {
            into[i] = f[i];
        }
        return into;
    }

    /** {@code values} into {@code array}, which must be contiguous (every array these passes write is). */
    private void write(double[] values, INDArray array) {
        if (!isContiguous(array)) {
            throw new IllegalArgumentException("RowBatchNorm writes contiguous c-order arrays only, not "
                    + array.shapeInfoToString());
        }
        int length = (int) array.length();
        if (array.dataType() == DataType.DOUBLE) {
            DoubleBuffer target = array.data().asNioDouble().slice();
            target.put(0, values, 0, length);
            return;
        }
        float[] f = floats(length);
        for (int i = 0; i < length; i++) {
            f[i] = (float) values[i];
        }
        FloatBuffer target = array.data().asNioFloat().slice();
        target.put(0, f, 0, length);
    }

    private float[] floats(int length) {
        if (floats.length < length) {
            floats = new float[length];
        }
        return floats;
    }

    /** {@code a} itself where its elements lie one after another in c order, else a c-order copy. */
    public static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /** Elements one after another in c order (strides of length-1 dimensions do not matter). */
    private static boolean isContiguous(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }
}

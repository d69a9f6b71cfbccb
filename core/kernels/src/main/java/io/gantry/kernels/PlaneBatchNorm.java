package io.gantry.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm's training arithmetic over the channel planes of an NCHW float batch, in Java loops over
 * the arrays' memory, plane by plane (each image's H x W map of one channel lies in one run of
 * memory). With libnd4j's broadcasts along the channel axis and its reductions over reshaped views,
 * batch norm was ~22% of seed 003's profile; these loops are 2.6-4x faster on its layers (a [256, 64,
 * 32, 32] training pass 489 -> 187 ms; bench/NOTES.md, entry 27). Statistics as DL4J's: biased batch
 * variance, two-pass (centred), summed in double per plane. One instance per layer, since it keeps its
 * plane buffers between steps. The three sums below share a shape but not a body: each is its own
 * loop so that the JIT keeps four independent accumulators in registers (a shared loop over a lambda
 * would not be unrolled the same way on this hot path).
 */
public final class PlaneBatchNorm {
    private float[] plane = new float[0];
    private float[] other = new float[0];

    /** Whether {@code x} is a rank-4 float array whose memory these loops can read in c order. */
    public static boolean handles(INDArray x) {
        return x.rank() == 4 && x.size(0) > 0 && x.size(2) * x.size(3) > 0 && HostFloats.denseRowMajor(x) != null;
    }

    /**
     * Training forward pass: the batch's per-channel mean and variance into {@code mean} and {@code var}
     * (length C), then {@code out = (x - mean) / sqrt(var + eps) * gamma + beta}. {@code out} must be a
     * dense c-order array of x's shape.
     */
    public void forward(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray mean, INDArray var,
                        INDArray out) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int p = (int) (x.size(2) * x.size(3));
        FloatBuffer in = HostFloats.denseRowMajor(x);
        FloatBuffer y = HostFloats.denseRowMajor(out);
        float[] v = buffers(p);
        double count = (double) n * p;
        double[] m = new double[c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                in.get((i * c + j) * p, v, 0, p);
                m[j] += sum(v, p);
            }
        }
        for (int j = 0; j < c; j++) {
            m[j] /= count;
        }
        double[] s = new double[c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                in.get((i * c + j) * p, v, 0, p);
                s[j] += centredSquares(v, p, (float) m[j]);
            }
        }
        double[] g = gamma.reshape(gamma.length()).toDoubleVector();
        double[] b = beta.reshape(beta.length()).toDoubleVector();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int j = 0; j < c; j++) {
            s[j] /= count;
            double k = g[j] / Math.sqrt(s[j] + eps);
            scale[j] = (float) k;
            shift[j] = (float) (b[j] - m[j] * k);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int offset = (i * c + j) * p;
                in.get(offset, v, 0, p);
                affine(v, p, scale[j], shift[j]);
                y.put(offset, v, 0, p);
            }
        }
        put(m, mean);
        put(s, var);
    }

    /**
     * Backward pass of {@link #forward} with the batch statistics it computed: the parameter gradients
     * into {@code dGamma} and {@code dBeta} (length C) and the input gradient into {@code dx} (dense,
     * c order, x's shape); {@code dy} must be readable as {@link #handles} says.
     */
    public void backward(INDArray x, INDArray dy, INDArray gamma, INDArray mean, INDArray var, double eps,
                         INDArray dx, INDArray dGamma, INDArray dBeta) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int p = (int) (x.size(2) * x.size(3));
        FloatBuffer in = HostFloats.denseRowMajor(x);
        FloatBuffer grad = HostFloats.denseRowMajor(dy);
        FloatBuffer out = HostFloats.denseRowMajor(dx);
        float[] v = buffers(p);
        float[] d = other;
        double count = (double) n * p;
        double[] m = mean.reshape(mean.length()).toDoubleVector();
        double[] invStd = var.reshape(var.length()).toDoubleVector();
        for (int j = 0; j < c; j++) {
            invStd[j] = 1 / Math.sqrt(invStd[j] + eps);
        }
        double[] sumDy = new double[c];
        double[] sumDyXc = new double[c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int offset = (i * c + j) * p;
                in.get(offset, v, 0, p);
                grad.get(offset, d, 0, p);
                sumDy[j] += sum(d, p);
                sumDyXc[j] += centredProducts(v, d, p, (float) m[j]);
            }
        }
        // dx = k·(dy - sum(dy)/N - x̂·sum(dy·x̂)/N), k = gamma/std, x̂ = (x - mean)/std
        double[] g = gamma.reshape(gamma.length()).toDoubleVector();
        double[] sumDyXHat = new double[c];
        float[] k = new float[c];
        float[] meanDy = new float[c];
        float[] xFactor = new float[c];
        for (int j = 0; j < c; j++) {
            sumDyXHat[j] = sumDyXc[j] * invStd[j];
            k[j] = (float) (g[j] * invStd[j]);
            meanDy[j] = (float) (sumDy[j] / count);
            xFactor[j] = (float) (sumDyXHat[j] / count * invStd[j]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int offset = (i * c + j) * p;
                in.get(offset, v, 0, p);
                grad.get(offset, d, 0, p);
                inputGradient(v, d, p, k[j], meanDy[j], (float) m[j], xFactor[j]);
                out.put(offset, v, 0, p);
            }
        }
        put(sumDyXHat, dGamma);
        put(sumDy, dBeta);
    }

    private float[] buffers(int p) {
        if (plane.length < p) {
            plane = new float[p];
            other = new float[p];
        }
        return plane;
    }

    // Four float partial sums: independent chains the CPU overlaps, each over a quarter of one plane
    // (at most a few thousand values, so float's rounding stays far below the result's own).
    private static double sum(float[] v, int p) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < p; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < p; i++) {
            s0 += v[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static double centredSquares(float[] v, int p, float mean) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < p; i += 4) {
            float d0 = v[i] - mean;
            float d1 = v[i + 1] - mean;
            float d2 = v[i + 2] - mean;
            float d3 = v[i + 3] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < p; i++) {
            float d0 = v[i] - mean;
            s0 += d0 * d0;
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static double centredProducts(float[] x, float[] dy, int p, float mean) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < p; i += 4) {
            s0 += dy[i] * (x[i] - mean);
            s1 += dy[i + 1] * (x[i + 1] - mean);
            s2 += dy[i + 2] * (x[i + 2] - mean);
            s3 += dy[i + 3] * (x[i + 3] - mean);
        }
        for (; i < p; i++) {
            s0 += dy[i] * (x[i] - mean);
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static void affine(float[] v, int p, float scale, float shift) {
        for (int i = 0; i < p; i++) {
            v[i] = v[i] * scale + shift;
        }
    }

    private static void inputGradient(float[] x, float[] dy, int p, float k, float meanDy, float mean, float xFactor) {
        for (int i = 0; i < p; i++) {
            x[i] = k * (dy[i] - meanDy - (x[i] - mean) * xFactor);
        }
    }

    /** Per-channel values into a length-C array of any layout (DL4J's statistics and gradient views). */
    private static void put(double[] values, INDArray target) {
        target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
    }
}

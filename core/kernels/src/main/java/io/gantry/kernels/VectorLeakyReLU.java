package io.gantry.kernels;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Leaky ReLU in loops the JIT turns into SIMD code ({@link HostFloats#inPlace}), else from ND4J's
 * vectorised element-wise ops. libnd4j's own {@code LeakyReLU} and {@code lrelu_bp} run element by
 * element without SIMD: on a [128, 128, 14, 14] activation, in a workspace, forward 12 ms and backward
 * 8-20 ms, against 1.9 and 3.6 ms from ND4J's other ops (bench/NOTES.md, entry 10); those are two and
 * four op calls, whose fixed cost dominates on the MLP seeds' [128, 256] activations (entry 25). Same
 * function as DL4J's {@link ActivationLReLU}; the differences are the gradient at exactly 0, where this
 * gives {@code alpha} as TensorFlow and PyTorch do (DL4J's gives 1), and at NaN, which stays NaN.
 */
public class VectorLeakyReLU extends ActivationLReLU {

    /** For Jackson, which reads the activation back from a saved model's configuration. */
    public VectorLeakyReLU() {
    }

    public VectorLeakyReLU(double alpha) {
        super(alpha);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        float alpha = (float) getAlpha();
        if (HostFloats.inPlace(in, null, (x, unused, n) -> forward(x, alpha, n))) {
            return in;
        }
        INDArray scaled = in.mul(getAlpha());
        // max(x, αx) for α <= 1, min(x, αx) for a slope above 1 on the negative side
        return getAlpha() <= 1 ? Transforms.max(in, scaled, false) : Transforms.min(in, scaled, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        float alpha = (float) getAlpha();
        // dL/dx = ε · (α + (1 - α) · step(x)), in place in `in` as DL4J's activations do
        if (!HostFloats.inPlace(in, epsilon, (x, eps, n) -> backward(x, eps, alpha, n))) {
            Transforms.step(in, false).muli(1 - getAlpha()).addi(getAlpha()).muli(epsilon);
        }
        return new Pair<>(in, null);
    }

    private static void forward(float[] x, float alpha, int n) {
        if (alpha <= 1f) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(x[i], alpha * x[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = Math.min(x[i], alpha * x[i]);
            }
        }
    }

    private static void backward(float[] x, float[] eps, float alpha, int n) {
        float rest = 1f - alpha; // as DL4J rounds 1 - α to float
        for (int i = 0; i < n; i++) {
            // step(x) without a branch (C2 does not vectorise a select): 2^252·x saturates every positive
            // float, the smallest denormal included, to at least 1; 0, -0 and negatives give 0
            float step = Math.min(1f, Math.max(0f, x[i] * 0x1p126f * 0x1p126f));
            x[i] = eps[i] * (alpha + rest * step);
        }
    }
}

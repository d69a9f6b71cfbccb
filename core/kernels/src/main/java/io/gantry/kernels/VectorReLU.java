package io.gantry.kernels;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU as integer operations on the floats' bit patterns, in a loop the JIT turns into SIMD code.
 * libnd4j's {@code relu_bp} is a scalar loop (27 ms on [128, 64, 28, 28], ~1 here), and on the MLP
 * seeds' [128, 128] activations both ops cost their call, not their arithmetic (bench/NOTES.md, entry
 * 24). A float comparison would branch: C2 (JDK 17) does not vectorise a conditional select, and that
 * loop ran 25x slower than libnd4j's forward op on random signs. DL4J's plain {@link ActivationReLU} (no
 * threshold, slope or cap) to the bit, NaN and -0 included: forward keeps x unless x &lt; 0, backward
 * passes ε where x &gt; 0, else +0. Float arrays whose elements lie densely in their memory take this
 * path, anything else DL4J's.
 */
public class VectorReLU extends ActivationReLU {
    /** -0's pattern, the smallest int. */
    private static final int NEGATIVE_ZERO = Integer.MIN_VALUE;
    /** +inf's pattern: the patterns above it are NaNs, those in (0, it] the positive numbers. */
    private static final int POSITIVE_INFINITY = 0x7f800000;
    /** -inf's pattern as an int: those in (-0, it] are the negative numbers, those above it negative NaNs. */
    private static final int NEGATIVE_INFINITY = 0xff800000;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return HostFloats.inPlaceBits(in, null, VectorReLU::forward) ? in : super.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // in place in `in`, as DL4J's activations may return their gradient
        return HostFloats.inPlaceBits(in, epsilon, VectorReLU::backward) ? new Pair<>(in, null) : super.backprop(in, epsilon);
    }

    /** x &lt; 0 exactly when its pattern b lies in (-0, -inf]: b - (-0 + 1) in [0, -inf - (-0 + 1)]. */
    private static void forward(int[] x, int[] unused, int n) {
        final int span = NEGATIVE_INFINITY - (NEGATIVE_ZERO + 1);
        for (int i = 0; i < n; i++) {
            int y = x[i] - (NEGATIVE_ZERO + 1);
            // sign bit of (y | (span - y)) set: y outside [0, span], x kept; else x < 0, cleared to +0
            x[i] &= (y | (span - y)) >> 31;
        }
    }

    /** x &gt; 0 exactly when its pattern b lies in [1, +inf]: b - 1 and +inf - b both non-negative. */
    private static void backward(int[] x, int[] eps, int n) {
        for (int i = 0; i < n; i++) {
            int b = x[i];
            x[i] = eps[i] & ~(((b - 1) | (POSITIVE_INFINITY - b)) >> 31);
        }
    }
}

package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class VectorTanhTest {
    private final ActivationTanH dl4j = new ActivationTanH();
    private final VectorTanh vector = new VectorTanh();

    @Test
    void approximatesTanhWithinFloatPrecisionEverywhere() {
        double worst = 0;
        for (double x = -30; x <= 30; x += 1e-3) {
            float v = (float) x;
            worst = Math.max(worst, Math.abs(VectorTanh.tanh(v) - Math.tanh(v)));
            assertTrue(Math.abs(VectorTanh.tanh(v)) <= 1f, "|tanh| <= 1 at " + v);
        }
        assertTrue(worst < 5e-7, "largest error " + worst);
        // odd, exact at 0, relative error small near 0 where tanh(x) ~ x
        assertEquals(0f, VectorTanh.tanh(0f));
        assertEquals(-VectorTanh.tanh(0.37f), VectorTanh.tanh(-0.37f));
        assertEquals(1e-6, VectorTanh.tanh(1e-6f), 1e-12);
        assertTrue(Float.isNaN(VectorTanh.tanh(Float.NaN)));
        assertEquals(1f, VectorTanh.tanh(Float.POSITIVE_INFINITY));
    }

    @Test
    void forwardAndBackwardMatchDl4jsTanhOnDenseFloatArraysOfEitherOrder() {
        for (char order : new char[] {'c', 'f'}) {
            Nd4j.getRandom().setSeed(11);
            // more than one chunk, and not a multiple of it
            INDArray x = Nd4j.randn(DataType.FLOAT, order, 7, 3, 13, 17).muli(3);
            x.putScalar(new long[] {0, 0, 0, 0}, 0f);
            x.putScalar(new long[] {1, 1, 1, 1}, 25f);
            x.putScalar(new long[] {2, 2, 2, 2}, -25f);
            INDArray eps = Nd4j.randn(DataType.FLOAT, order, 7, 3, 13, 17);

            INDArray out = vector.getActivation(x.dup(order), true);
            assertClose(dl4j.getActivation(x.dup(order), true), out, 1e-6, "forward, " + order);
            assertComputedHere(x, out, null);

            INDArray grad = vector.backprop(x.dup(order), eps.dup(order)).getFirst();
            // the gradient is ε·(1 - tanh²): its error scales with ε
            double tolerance = 1e-6 * eps.amaxNumber().doubleValue();
            assertClose(dl4j.backprop(x.dup(order), eps.dup(order)).getFirst(), grad, tolerance, "backward, " + order);
            assertComputedHere(x, grad, eps);
        }
    }

    @Test
    void arraysItCannotReadDenselyGetDl4jsTanhAndNeighboursStayUntouched() {
        Nd4j.getRandom().setSeed(5);
        INDArray base = Nd4j.randn(DataType.FLOAT, 6, 8);
        INDArray before = base.dup();
        INDArray columns = base.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)); // strided rows
        INDArray expected = dl4j.getActivation(columns.dup(), true);
        vector.getActivation(columns, true);
        assertEquals(expected, columns);
        assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
                base.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)));
        assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 8)),
                base.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 8)));

        // double, and a gradient in the other order than the input: DL4J's own op, exactly
        INDArray xd = Nd4j.randn(DataType.DOUBLE, 4, 5);
        assertEquals(dl4j.getActivation(xd.dup(), true), vector.getActivation(xd.dup(), true));
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5);
        INDArray epsF = Nd4j.randn(DataType.FLOAT, 'f', 4, 5);
        assertEquals(dl4j.backprop(x.dup(), epsF.dup('f')).getFirst(), vector.backprop(x.dup(), epsF.dup('f')).getFirst());
    }

    @Test
    void aRowRangeOfAMatrixIsComputedInPlaceWithoutTouchingTheOtherRows() {
        INDArray base = Nd4j.linspace(-4, 4, 40, DataType.FLOAT).reshape(8, 5);
        INDArray before = base.dup();
        INDArray rows = base.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all());
        vector.getActivation(rows, true);
        assertComputedHere(before.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all()), rows, null);
        assertEquals(before.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), base.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()));
        assertEquals(before.get(NDArrayIndex.interval(6, 8), NDArrayIndex.all()), base.get(NDArrayIndex.interval(6, 8), NDArrayIndex.all()));
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < tolerance, what + ": largest difference to DL4J's tanh " + diff);
    }

    /** Every element is exactly {@link VectorTanh#tanh} (or its gradient): the fast path ran, not libnd4j's. */
    private static void assertComputedHere(INDArray x, INDArray result, INDArray eps) {
        float[] in = x.dup('c').data().asFloat();
        float[] out = result.dup('c').data().asFloat();
        float[] e = eps == null ? null : eps.dup('c').data().asFloat();
        for (int i = 0; i < in.length; i++) {
            float t = VectorTanh.tanh(in[i]);
            assertEquals(e == null ? t : e[i] * (1f - t * t), out[i], 0f, "element " + i);
        }
    }
}

package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class VectorReLUTest {
    private final ActivationReLU dl4j = new ActivationReLU();
    private final VectorReLU vector = new VectorReLU();

    @Test
    void forwardAndBackwardEqualDl4jsReluBitForBitOnDenseFloatArraysOfEitherOrder() {
        for (char order : new char[] {'c', 'f'}) {
            Nd4j.getRandom().setSeed(17);
            // more than one chunk, and not a multiple of it; zeros, -0, NaN and infinities where ReLU's ties are
            float[] values = Nd4j.randn(DataType.FLOAT, 12, 3, 11, 19).data().asFloat();
            // the NaNs next to the infinities are where the bit-pattern ranges of VectorReLU end
            float[] specials = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xff800001),
                Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, -Float.MAX_VALUE};
            for (int i = 0; i < specials.length; i++) {
                values[i * 617] = specials[i]; // bit patterns kept: putScalar would pass them through a double
            }
            INDArray x = Nd4j.create(values, new long[] {12, 3, 11, 19}, 'c').dup(order);
            INDArray eps = Nd4j.randn(DataType.FLOAT, order, 12, 3, 11, 19);

            assertBitEqual(dl4j.getActivation(x.dup(order), true), vector.getActivation(x.dup(order), true), "forward " + order);

            INDArray in = x.dup(order);
            INDArray grad = vector.backprop(in, eps.dup(order)).getFirst();
            assertBitEqual(dl4j.backprop(x.dup(order), eps.dup(order)).getFirst(), grad, "backward " + order);
            // computed here: DL4J writes its gradient to a new array, this loop over the input it was given
            assertSame(in, grad);
        }
    }

    @Test
    void arraysItCannotReadDenselyGetDl4jsReluAndNeighboursStayUntouched() {
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

        // double, and a gradient in the other order than the input: DL4J's own op, in a new array
        INDArray xd = Nd4j.randn(DataType.DOUBLE, 4, 5);
        assertEquals(dl4j.getActivation(xd.dup(), true), vector.getActivation(xd.dup(), true));
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5);
        INDArray epsF = Nd4j.randn(DataType.FLOAT, 'f', 4, 5);
        INDArray in = x.dup();
        INDArray grad = vector.backprop(in, epsF.dup('f')).getFirst();
        assertEquals(dl4j.backprop(x.dup(), epsF.dup('f')).getFirst(), grad);
        assertNotSame(in, grad);
    }

    @Test
    void aRowRangeOfAMatrixIsComputedInPlaceWithoutTouchingTheOtherRows() {
        INDArray base = Nd4j.linspace(-4, 4, 40, DataType.FLOAT).reshape(8, 5);
        INDArray before = base.dup();
        INDArray rows = base.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all());
        vector.getActivation(rows, true);
        assertEquals(dl4j.getActivation(before.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all()).dup(), true), rows);
        assertEquals(before.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), base.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()));
        assertEquals(before.get(NDArrayIndex.interval(6, 8), NDArrayIndex.all()), base.get(NDArrayIndex.interval(6, 8), NDArrayIndex.all()));
    }

    @Test
    void onlyDl4jsPlainReluIsReplaced() {
        assertInstanceOf(VectorReLU.class, VectorActivations.inPlaceOf(new ActivationReLU()));
        // a cap, a threshold or a negative slope changes the function: DL4J's own stays
        ActivationReLU capped = new ActivationReLU(6.0, null, null);
        ActivationReLU shifted = new ActivationReLU(null, 0.5, null);
        ActivationReLU leaky = new ActivationReLU(null, null, 0.1);
        assertSame(capped, VectorActivations.inPlaceOf(capped));
        assertSame(shifted, VectorActivations.inPlaceOf(shifted));
        assertSame(leaky, VectorActivations.inPlaceOf(leaky));
    }

    private static void assertBitEqual(INDArray expected, INDArray actual, String what) {
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]),
                    what + ", element " + i + ": DL4J " + e[i] + ", here " + a[i]);
        }
    }
}

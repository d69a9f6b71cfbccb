package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class VectorLeakyReLUTest {

    @Test
    void computesDl4jsLeakyReluAndItsGradientWithTheFrameworksSlopeAtZero() {
        for (char order : new char[] {'c', 'f'}) {
            for (double alpha : new double[] {0.2, 0.01, 1.5}) {
                Nd4j.getRandom().setSeed(7);
                // more than one of HostFloats' chunks, and not a multiple of it
                INDArray x = Nd4j.randn(DataType.FLOAT, order, 8, 3, 17, 19);
                long[][] zeros = {{0, 0, 0, 0}, {1, 2, 3, 4}, {7, 2, 16, 18}};
                for (long[] zero : zeros) {
                    x.putScalar(zero, 0f);
                }
                x.putScalar(new long[] {2, 1, 1, 1}, Float.MIN_VALUE); // the smallest positive float has slope 1
                INDArray eps = Nd4j.randn(DataType.FLOAT, order, 8, 3, 17, 19);
                ActivationLReLU dl4j = new ActivationLReLU(alpha);
                VectorLeakyReLU vector = new VectorLeakyReLU(alpha);
                String what = "alpha " + alpha + ", order " + order;

                assertEquals(dl4j.getActivation(x.dup(order), true), vector.getActivation(x.dup(order), true), "forward, " + what);

                INDArray expected = dl4j.backprop(x.dup(order), eps.dup(order)).getFirst();
                INDArray actual = vector.backprop(x.dup(order), eps.dup(order)).getFirst();
                // DL4J's slope at exactly 0 is 1; TensorFlow's and PyTorch's, which the seeds used, is alpha
                for (long[] zero : zeros) {
                    assertEquals(alpha * eps.getDouble(zero), actual.getDouble(zero), 1e-6, "slope at 0, " + what);
                    expected.putScalar(zero, actual.getDouble(zero));
                }
                assertEquals(expected, actual, "backward, " + what);
            }
        }
    }

    @Test
    void aNanInputGivesANanGradientOnTheVectorisedPath() {
        // libnd4j's step(NaN) is 0, which would hide the NaN behind α·ε; this path does not, and that
        // is also how this test knows the loop ran rather than ND4J's ops
        VectorLeakyReLU vector = new VectorLeakyReLU(0.2);
        INDArray x = Nd4j.createFromArray(new float[] {Float.NaN, -1f, 2f});
        assertTrue(Float.isNaN(vector.getActivation(x.dup(), true).getFloat(0)));
        INDArray grad = vector.backprop(x.dup(), Nd4j.createFromArray(new float[] {3f, 3f, 3f})).getFirst();
        assertTrue(Float.isNaN(grad.getFloat(0)), "gradient at NaN: " + grad);
        assertEquals(0.6f, grad.getFloat(1), 1e-7f);
        assertEquals(3f, grad.getFloat(2));
    }

    @Test
    void stridedViewsGetNd4jsOpsAndTheirNeighboursStayUntouched() {
        Nd4j.getRandom().setSeed(5);
        INDArray base = Nd4j.randn(DataType.FLOAT, 6, 8);
        INDArray before = base.dup();
        INDArray columns = base.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        INDArray expected = new ActivationLReLU(0.2).getActivation(columns.dup(), true);
        INDArray result = new VectorLeakyReLU(0.2).getActivation(columns, true);
        assertEquals(expected, result);
        assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
                base.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)));
        assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 8)),
                base.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 8)));
    }
}

package io.gantry.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VectorLeakyReLUTest {

    @Test
    void computesDl4jsLeakyReluAndItsGradientWithTheFrameworksSlopeAtZero() {
        for (double alpha : new double[] {0.2, 0.01, 1.5}) {
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3, 5, 5);
            x.putScalar(new long[] {0, 0, 0, 0}, 0f);
            x.putScalar(new long[] {1, 2, 3, 4}, 0f);
            INDArray eps = Nd4j.randn(DataType.FLOAT, 8, 3, 5, 5);
            ActivationLReLU dl4j = new ActivationLReLU(alpha);
            VectorLeakyReLU vector = new VectorLeakyReLU(alpha);

            assertEquals(dl4j.getActivation(x.dup(), true), vector.getActivation(x.dup(), true), "forward, alpha " + alpha);

            INDArray expected = dl4j.backprop(x.dup(), eps.dup()).getFirst();
            INDArray actual = vector.backprop(x.dup(), eps.dup()).getFirst();
            // DL4J's slope at exactly 0 is 1; TensorFlow's and PyTorch's, which the seeds used, is alpha
            for (long[] zero : new long[][] {{0, 0, 0, 0}, {1, 2, 3, 4}}) {
                assertEquals(alpha * eps.getDouble(zero), actual.getDouble(zero), 1e-6, "slope at 0, alpha " + alpha);
                expected.putScalar(zero, actual.getDouble(zero));
            }
            assertEquals(expected, actual, "backward, alpha " + alpha);
        }
    }
}

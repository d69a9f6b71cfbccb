package io.gantry.api;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches made from Java arrays (a noise batch, decoded images), copied in bulk: ND4J's
 * {@code Nd4j.create(float[], ...)} stores element by element, ~0.6 ms for one MNIST batch of 128
 * (bench/NOTES.md, entry 24), a noticeable share of a small model's iteration.
 */
public final class FloatBatch {
    private FloatBatch() {
    }

    /** A new c-order float array of {@code shape} holding a copy of {@code values}. */
    public static INDArray rowMajor(float[] values, long... shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (length != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        if (!Nd4j.getEnvironment().isCPU() || values.length == 0) {
            return Nd4j.create(values, shape, 'c');
        }
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        new FloatPointer((FloatPointer) array.data().addressPointer()).capacity(length).limit(length)
                .asBuffer().put(0, values);
        return array;
    }
}

package io.gantry.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FloatBatchTest {

    @Test
    void rowMajorHoldsTheValuesExactlyAsNd4jsOwnCreateWould() {
        float[] values = new float[2 * 3 * 5 * 7];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.37f - 20f;
        }
        INDArray array = FloatBatch.rowMajor(values, 2, 3, 5, 7);
        assertEquals(Nd4j.create(values, new long[] {2, 3, 5, 7}, 'c'), array);
        assertEquals(DataType.FLOAT, array.dataType());
        assertEquals('c', array.ordering());
        assertArrayEquals(new long[] {2, 3, 5, 7}, array.shape());
        assertEquals(values[1 * 105 + 2 * 35 + 3 * 7 + 4], array.getFloat(1, 2, 3, 4));
        values[0] = 99f; // a copy, not a view of the caller's array
        assertEquals(-20f, array.getFloat(0, 0, 0, 0));
    }

    @Test
    void aShapeThatDoesNotFitTheValuesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatBatch.rowMajor(new float[6], 4, 2));
        assertTrue(e.getMessage().contains("6 values for shape [4, 2]"), e.getMessage());
    }
}

package io.gantry.core.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J float arrays' memory as Java buffers, for kernels that run in Java loops ({@link VectorTanh},
 * max pooling): bulk copies of a few thousand floats to and from a {@code float[]}, which the JIT
 * vectorises, cost less than a libnd4j op's call on small arrays and than its scalar loops on large ones.
 */
public final class HostFloats {
    /** Host memory to read; CUDA arrays live on the GPU. */
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    private HostFloats() {
    }

    /**
     * The memory of a float array on the CPU backend whose elements fill {@code length} consecutive
     * floats in its own order (c or f: element-wise stride 1), as a buffer indexed from its first
     * element; null for anything else (other types, strided views, empty arrays, another backend).
     */
    public static FloatBuffer dense(INDArray a) {
        if (!CPU || a.dataType() != DataType.FLOAT || a.isEmpty() || a.length() > Integer.MAX_VALUE
                || a.elementWiseStride() != 1 || a.offset() != a.data().offset()) {
            return null;
        }
        // A view's buffer starts at the view's first element (see DirectBlas); a fresh pointer object
        // so that the buffer's own is never moved.
        FloatPointer memory = new FloatPointer((FloatPointer) a.data().addressPointer());
        return memory.capacity(a.length()).limit(a.length()).asBuffer();
    }

    /** {@link #dense} for an array in c order (rows of the last dimension consecutive), else null. */
    public static FloatBuffer denseRowMajor(INDArray a) {
        return a.ordering() == 'c' || a.rank() <= 1 ? dense(a) : null;
    }
}

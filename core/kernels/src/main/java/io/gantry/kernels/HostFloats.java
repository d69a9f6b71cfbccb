package io.gantry.kernels;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J float arrays' memory as Java buffers, for kernels that run in Java loops (the activations,
 * max pooling, building a batch): bulk copies of a few thousand floats to and from a {@code float[]},
 * which the JIT vectorises, cost less than a libnd4j op's call on small arrays and than its scalar
 * loops on large ones.
 */
public final class HostFloats {
    /** Host memory to read; CUDA arrays live on the GPU. */
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();
    /** Elements per chunk: two chunks stay in L1 while a kernel runs over them. */
    private static final int CHUNK = 2048;
    private static final ThreadLocal<float[][]> FLOAT_CHUNKS =
            ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK]});
    private static final ThreadLocal<int[][]> BIT_CHUNKS =
            ThreadLocal.withInitial(() -> new int[][] {new int[CHUNK], new int[CHUNK]});

    /**
     * An element-wise kernel over one chunk, in place in {@code x}; {@code with} holds the same elements
     * of a second array (an activation's incoming gradient), or is null. Its loop is where the JIT's
     * vectoriser works, so it must stay a plain counted loop over arrays.
     */
    @FunctionalInterface
    public interface FloatKernel {
        void apply(float[] x, float[] with, int n);
    }

    /** {@link FloatKernel} on the floats' IEEE bit patterns: selects by sign and class without branches. */
    @FunctionalInterface
    public interface BitsKernel {
        void apply(int[] x, int[] with, int n);
    }

    /**
     * Runs {@code kernel} over {@code x} chunk by chunk, with {@code with}'s matching chunks where it is
     * not null; false, touching nothing, unless both are {@link #dense}, of one length and in the same
     * order (element i of both buffers must be the same element of the array).
     */
    public static boolean inPlace(INDArray x, INDArray with, FloatKernel kernel) {
        FloatBuffer xs = dense(x);
        FloatBuffer ws = with == null ? null : dense(with);
        if (xs == null || with != null && (ws == null || !sameLayout(x, with))) {
            return false;
        }
        float[][] chunks = FLOAT_CHUNKS.get();
        int length = (int) x.length();
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            xs.get(start, chunks[0], 0, n);
            if (ws != null) {
                ws.get(start, chunks[1], 0, n);
            }
            kernel.apply(chunks[0], chunks[1], n);
            xs.put(start, chunks[0], 0, n);
        }
        return true;
    }

    /** {@link #inPlace} with a kernel on bit patterns (the same memory read as ints). */
    public static boolean inPlaceBits(INDArray x, INDArray with, BitsKernel kernel) {
        IntBuffer xs = denseBits(x);
        IntBuffer ws = with == null ? null : denseBits(with);
        if (xs == null || with != null && (ws == null || !sameLayout(x, with))) {
            return false;
        }
        int[][] chunks = BIT_CHUNKS.get();
        int length = (int) x.length();
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            xs.get(start, chunks[0], 0, n);
            if (ws != null) {
                ws.get(start, chunks[1], 0, n);
            }
            kernel.apply(chunks[0], chunks[1], n);
            xs.put(start, chunks[0], 0, n);
        }
        return true;
    }

    private static boolean sameLayout(INDArray x, INDArray with) {
        return x.ordering() == with.ordering() && x.length() == with.length();
    }

    private HostFloats() {
    }

    /**
     * The memory of a float array on the CPU backend whose elements fill {@code length} consecutive
     * floats in its own order (c or f: element-wise stride 1), as a buffer indexed from its first
     * element; null for anything else (other types, strided views, empty arrays, another backend).
     */
    public static FloatBuffer dense(INDArray a) {
        FloatPointer memory = memory(a);
        return memory == null ? null : memory.asBuffer();
    }

    /** {@link #dense}'s memory as a pointer, or null. */
    private static FloatPointer memory(INDArray a) {
        if (!CPU || a.dataType() != DataType.FLOAT || a.isEmpty() || a.length() > Integer.MAX_VALUE
                || a.elementWiseStride() != 1 || a.offset() != a.data().offset()) {
            return null;
        }
        // A view's buffer starts at the view's first element (see DirectBlas); a fresh pointer object
        // so that the buffer's own is never moved.
        FloatPointer memory = new FloatPointer((FloatPointer) a.data().addressPointer());
        return memory.capacity(a.length()).limit(a.length());
    }

    /** {@link #dense}, the same memory read as the floats' bit patterns, or null. */
    private static IntBuffer denseBits(INDArray a) {
        FloatPointer floats = memory(a);
        return floats == null ? null : new IntPointer(floats).capacity(a.length()).limit(a.length()).asBuffer();
    }

    /** {@link #dense} for an array in c order (rows of the last dimension consecutive), else null. */
    public static FloatBuffer denseRowMajor(INDArray a) {
        return a.ordering() == 'c' || a.rank() <= 1 ? dense(a) : null;
    }
}

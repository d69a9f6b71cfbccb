package io.gantry.kernels;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products on ND4J arrays through OpenBLAS's CBLAS functions, called on the arrays' memory.
 * ND4J's own route to the same OpenBLAS ({@code Nd4j.gemm}, {@code mmuli}) costs 50-250 µs a call
 * beyond the product (an op context, output-shape checks and, into a c-order result, an f-order
 * temporary that is copied back): more than the product itself for the small layers of the MLP
 * seeds (bench/NOTES.md, entry 19). The same library does the arithmetic here, so results match
 * ND4J's to the order of float sums.
 *
 * <p>Each method handles float and double rank-2 arrays whose elements are strided along one
 * dimension with unit stride along the other (c- or f-order matrices and their row or column
 * ranges) and returns {@code false}, touching nothing, for anything else, so that callers fall back
 * to ND4J's own op, as they do on every backend but the CPU one (CUDA arrays live on the GPU).
 */
public final class DirectBlas {
    private static final boolean AVAILABLE = cpuWithOpenBlas();

    private DirectBlas() {
    }

    private static boolean cpuWithOpenBlas() {
        try {
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            return Nd4j.getEnvironment().isCPU();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code c = op(a) · op(b) + beta · c}, op transposing where asked. */
    public static boolean gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double beta) {
        if (!AVAILABLE) {
            return false;
        }
        Layout la = Layout.of(a);
        Layout lb = Layout.of(b);
        Layout lc = Layout.of(c);
        if (la == null || lb == null || lc == null || !sameType(c, a, b)) {
            return false;
        }
        long m = transA ? a.size(1) : a.size(0);
        long k = transA ? a.size(0) : a.size(1);
        long kb = transB ? b.size(1) : b.size(0);
        long n = transB ? b.size(0) : b.size(1);
        if (k != kb || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not fit: op(a) " + m + "x" + k + ", op(b) " + kb + "x"
                    + n + ", c " + c.size(0) + "x" + c.size(1));
        }
        if (!lc.rowMajor) {
            // c column-major is cᵀ row-major: cᵀ = op(b)ᵀ · op(a)ᵀ.
            return product(b, lb, !transB, a, la, !transA, c, lc, (int) n, (int) m, (int) k, beta);
        }
        return product(a, la, transA, b, lb, transB, c, lc, (int) m, (int) n, (int) k, beta);
    }

    /** Row-major product of m x n from factors whose layouts say how to read them. */
    private static boolean product(INDArray a, Layout la, boolean transA, INDArray b, Layout lb, boolean transB,
                                   INDArray c, Layout lc, int m, int n, int k, double beta) {
        // A column-major matrix is its transpose in row-major order.
        int ta = transA == la.rowMajor ? CblasTrans : CblasNoTrans;
        int tb = transB == lb.rowMajor ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, floats(a), la.ld, floats(b), lb.ld, (float) beta,
                    floats(c), lc.ld);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, doubles(a), la.ld, doubles(b), lb.ld, beta,
                    doubles(c), lc.ld);
        }
        return true;
    }

    /** {@code sums[j] = Σ_i x[i, j]}: a matrix's column sums (a bias gradient), {@code sums} of length x's columns. */
    public static boolean columnSums(INDArray x, INDArray sums) {
        Layout lx = matrixWithRow(x, sums);
        if (lx == null) {
            return false;
        }
        int rows = (int) x.size(0);
        int cols = (int) x.size(1);
        INDArray ones = ones(x.dataType(), rows);
        // Row-major x (rows x cols): sums = xᵀ · 1; column-major x is row-major xᵀ: sums = xᵀ · 1 as well.
        int trans = lx.rowMajor ? CblasTrans : CblasNoTrans;
        int r = lx.rowMajor ? rows : cols;
        int cc = lx.rowMajor ? cols : rows;
        int inc = (int) vectorStride(sums);
        if (x.dataType() == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, trans, r, cc, 1f, floats(x), lx.ld, floats(ones), 1, 0f, floats(sums), inc);
        } else {
            cblas_dgemv(CblasRowMajor, trans, r, cc, 1.0, doubles(x), lx.ld, doubles(ones), 1, 0.0, doubles(sums),
                    inc);
        }
        return true;
    }

    /** {@code x[i, j] += v[j]} for every row i: a bias added to a layer's outputs. */
    public static boolean addRowVector(INDArray x, INDArray v) {
        Layout lx = matrixWithRow(x, v);
        if (lx == null) {
            return false;
        }
        int rows = (int) x.size(0);
        int cols = (int) x.size(1);
        INDArray ones = ones(x.dataType(), rows);
        int inc = (int) vectorStride(v);
        // Rank-1 update x += 1 · vᵀ; a column-major x is row-major xᵀ, updated by v · 1ᵀ.
        int m = lx.rowMajor ? rows : cols;
        int n = lx.rowMajor ? cols : rows;
        if (x.dataType() == DataType.FLOAT) {
            FloatPointer left = lx.rowMajor ? floats(ones) : floats(v);
            FloatPointer right = lx.rowMajor ? floats(v) : floats(ones);
            cblas_sger(CblasRowMajor, m, n, 1f, left, lx.rowMajor ? 1 : inc, right, lx.rowMajor ? inc : 1,
                    floats(x), lx.ld);
        } else {
            DoublePointer left = lx.rowMajor ? doubles(ones) : doubles(v);
            DoublePointer right = lx.rowMajor ? doubles(v) : doubles(ones);
            cblas_dger(CblasRowMajor, m, n, 1.0, left, lx.rowMajor ? 1 : inc, right, lx.rowMajor ? inc : 1,
                    doubles(x), lx.ld);
        }
        return true;
    }

    /** How BLAS reads {@code x}, where it can and {@code v} is a vector of one value per column; else null. */
    private static Layout matrixWithRow(INDArray x, INDArray v) {
        if (!AVAILABLE || !sameType(x, v, v) || !isVector(v) || x.rank() != 2 || v.length() != x.size(1)) {
            return null;
        }
        return Layout.of(x);
    }

    private static boolean sameType(INDArray c, INDArray a, INDArray b) {
        DataType t = c.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.dataType() == t && b.dataType() == t;
    }

    private static boolean isVector(INDArray v) {
        return (v.rank() == 1 || v.rank() == 2) && v.length() == Math.max(v.size(0), v.rank() == 2 ? v.size(1) : 1)
                && v.length() > 0;
    }

    /** Distance between neighbours of a vector stored as [n], [1, n] or [n, 1]. */
    private static long vectorStride(INDArray v) {
        if (v.rank() == 1) {
            return v.stride(0);
        }
        return v.size(1) == 1 ? v.stride(0) : v.stride(1);
    }

    // A per-thread column of ones for the matrix-vector forms; it only grows.
    private static final ThreadLocal<INDArray[]> ONES = ThreadLocal.withInitial(() -> new INDArray[2]);

    private static INDArray ones(DataType type, int length) {
        INDArray[] cache = ONES.get();
        int slot = type == DataType.FLOAT ? 0 : 1;
        if (cache[slot] == null || cache[slot].length() < length) {
            // Outside any workspace: the cached array outlives the scope it was first needed in.
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                cache[slot] = Nd4j.ones(type, length);
            }
        }
        return cache[slot];
    }

    private static FloatPointer floats(INDArray a) {
        return (FloatPointer) a.data().addressPointer();
    }

    private static DoublePointer doubles(INDArray a) {
        return (DoublePointer) a.data().addressPointer();
    }

    /** How BLAS reads a rank-2 array: row- or column-major, and its leading dimension. */
    private record Layout(boolean rowMajor, int ld) {
        static Layout of(INDArray a) {
            // ND4J gives a view its own buffer starting at the view's first element; anything else is not
            // read here, nor is an empty array (so every size BLAS sees is positive).
            if (a.rank() != 2 || a.isEmpty() || a.offset() != a.data().offset()) {
                return null;
            }
            long rows = a.size(0);
            long cols = a.size(1);
            long s0 = a.stride(0);
            long s1 = a.stride(1);
            // Strides of length-1 dimensions do not matter; BLAS wants ld >= the other dimension.
            if ((cols == 1 || s1 == 1) && (rows == 1 || s0 >= cols)) {
                return new Layout(true, (int) Math.max(rows == 1 ? cols : s0, Math.max(cols, 1)));
            }
            if ((rows == 1 || s0 == 1) && (cols == 1 || s1 >= rows)) {
                return new Layout(false, (int) Math.max(cols == 1 ? rows : s1, Math.max(rows, 1)));
            }
            return null;
        }
    }
}

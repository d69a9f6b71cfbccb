package io.gantry.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** OpenBLAS called on ND4J's memory against ND4J's own products, in every layout a layer hands it. */
class DirectBlasTest {

    /** {@code rows x cols} with random values in the given order, or a row or column range of a bigger array. */
    private static INDArray matrix(DataType type, long rows, long cols, String layout) {
        switch (layout) {
            case "c":
                return Nd4j.rand(type, 'c', rows, cols).subi(0.5);
            case "f":
                return Nd4j.rand(type, 'f', rows, cols).subi(0.5);
            case "rows of c":
                return Nd4j.rand(type, 'c', rows + 3, cols).subi(0.5)
                        .get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.all());
            case "columns of c":
                return Nd4j.rand(type, 'c', rows, cols + 3).subi(0.5)
                        .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + cols));
            case "columns of f":
                return Nd4j.rand(type, 'f', rows, cols + 3).subi(0.5)
                        .get(NDArrayIndex.all(), NDArrayIndex.interval(3, 3 + cols));
            case "transposed c":
                return Nd4j.rand(type, 'c', cols, rows).subi(0.5).transpose();
            default:
                throw new IllegalArgumentException(layout);
        }
    }

    private static final String[] LAYOUTS = {"c", "f", "rows of c", "columns of c", "columns of f", "transposed c"};

    @Test
    void gemmEqualsNd4jsProductForEveryLayoutAndTransposition() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-12;
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (String la : LAYOUTS) {
                        for (String lb : LAYOUTS) {
                            for (String lc : LAYOUTS) {
                                long m = 5;
                                long k = 7;
                                long n = 3;
                                INDArray a = transA ? matrix(type, k, m, la) : matrix(type, m, k, la);
                                INDArray b = transB ? matrix(type, n, k, lb) : matrix(type, k, n, lb);
                                INDArray c = matrix(type, m, n, lc);
                                INDArray expected = (transA ? a.transpose() : a).mmul(transB ? b.transpose() : b)
                                        .addi(c.mul(0.5));
                                String what = type + " " + (transA ? "aᵀ " : "a ") + la + ", "
                                        + (transB ? "bᵀ " : "b ")
                                        + lb + ", c " + lc;
                                assertTrue(DirectBlas.gemm(a, transA, b, transB, c, 0.5), what);
                                assertTrue(maxDiff(expected, c) < tolerance, what + ": " + maxDiff(expected, c));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void gemmWritesOnlyItsViewOfABiggerArray() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 6, 8);
        INDArray before = whole.dup();
        INDArray c = whole.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 7));
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 5);
        assertTrue(DirectBlas.gemm(a, false, b, false, c, 0));
        assertTrue(maxDiff(a.mmul(b), c) < 1e-5);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                if (i < 1 || i >= 4 || j < 2 || j >= 7) {
                    assertEquals(before.getFloat(i, j), whole.getFloat(i, j), "element " + i + "," + j);
                }
            }
        }
    }

    @Test
    void withBetaZeroWhateverWasInTheOutputIsIgnored() {
        // Layers write into uninitialised workspace memory, which may hold anything, NaN included.
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.rand(type, 4, 3);
            INDArray b = Nd4j.rand(type, 3, 5);
            INDArray c = Nd4j.valueArrayOf(new long[] {4, 5}, Double.NaN, type);
            assertTrue(DirectBlas.gemm(a, false, b, false, c, 0));
            assertTrue(maxDiff(a.mmul(b), c) < 1e-5, type + ": " + c);
        }
    }

    @Test
    void layoutsBlasCannotReadAreLeftToNd4j() {
        INDArray everyOtherRow = Nd4j.rand(DataType.FLOAT, 10, 4)
                .get(NDArrayIndex.interval(0, 2, 10), NDArrayIndex.all())
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 4));
        INDArray b = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 5, 3);
        assertFalse(DirectBlas.gemm(everyOtherRow, false, b, false, c, 0), "both strides > 1");
        assertEquals(0.0, c.sumNumber().doubleValue(), "untouched");
        assertFalse(DirectBlas.gemm(Nd4j.rand(DataType.HALF, 5, 2), false, b.castTo(DataType.HALF), false,
                c.castTo(DataType.HALF), 0), "half precision");
        assertFalse(DirectBlas.gemm(Nd4j.rand(DataType.DOUBLE, 5, 2), false, b, false, c, 0), "mixed types");
    }

    @Test
    void columnSumsAndRowVectorAddEqualNd4jsOps() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
            for (String layout : LAYOUTS) {
                INDArray x = matrix(type, 9, 4, layout);
                // A bias row [1, 4] inside a bigger parameter row, as DL4J's gradient and parameter views are.
                INDArray sums = Nd4j.zeros(type, 1, 10).get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(5, 9));
                assertTrue(DirectBlas.columnSums(x, sums), layout);
                assertTrue(maxDiff(x.sum(0).reshape(1, 4), sums) < tolerance, type + " sums of " + layout);

                INDArray bias = Nd4j.rand(type, 1, 10).get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(3, 7));
                INDArray expected = x.dup().addiRowVector(bias);
                assertTrue(DirectBlas.addRowVector(x, bias), layout);
                assertTrue(maxDiff(expected, x) < tolerance, type + " bias added to " + layout);
            }
        }
    }

    private static double maxDiff(INDArray a, INDArray b) {
        INDArray difference = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE));
        return Transforms.abs(difference, false).maxNumber().doubleValue();
    }
}

package io.gantry.runner.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's float32 matrix-multiply rate through ND4J's BLAS: the ceiling a training step's
 * achieved GFLOP/s is read against.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /** Best of {@code repeats} products of two n x n matrices (2 n^3 flops each), after two warm-ups, in GFLOP/s. */
    public static double gflops(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats + 2; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            Nd4j.getExecutioner().commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (i >= 2) {
                best = Math.min(best, seconds);
            }
        }
        return 2.0 * n * n * (double) n / best / 1e9;
    }
}

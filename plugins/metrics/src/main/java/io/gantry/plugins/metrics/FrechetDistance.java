package io.gantry.plugins.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fréchet distance between two Gaussians fitted to feature sets:
 * {@code |mu_r - mu_g|^2 + tr(S_r + S_g - 2 (S_r S_g)^(1/2))}. The trace of the matrix square root
 * is the sum of the square roots of the eigenvalues of {@code S_r^(1/2) S_g S_r^(1/2)}, which is
 * symmetric, so two symmetric eigendecompositions (Jacobi, in double precision) do it.
 */
final class FrechetDistance {
    private final double[] referenceMean;
    private final double[][] referenceCovariance;
    private final double[][] referenceSqrt;

    FrechetDistance(double[] referenceMean, double[][] referenceCovariance) {
        this.referenceMean = referenceMean;
        this.referenceCovariance = referenceCovariance;
        this.referenceSqrt = Jacobi.sqrtPsd(referenceCovariance);
    }

    /** Distance from the reference to the Gaussian of {@code features} ({@code [n, d]}, n >= 2). */
    double to(INDArray features) {
        INDArray f = features.castTo(DataType.DOUBLE);
        INDArray meanRow = f.mean(0);
        INDArray centred = f.subRowVector(meanRow);
        double[][] covariance = centred.transpose().mmul(centred).divi(f.size(0) - 1).toDoubleMatrix();
        return distance(meanRow.toDoubleVector(), covariance);
    }

    double distance(double[] mean, double[][] covariance) {
        int d = mean.length;
        double meanTerm = 0;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            double diff = referenceMean[i] - mean[i];
            meanTerm += diff * diff;
            trace += referenceCovariance[i][i] + covariance[i][i];
        }
        double[][] product = Jacobi.multiply(Jacobi.multiply(referenceSqrt, covariance), referenceSqrt);
        double traceSqrt = 0;
        for (double lambda : Jacobi.eigenvalues(product)) {
            traceSqrt += Math.sqrt(Math.max(0, lambda));
        }
        // Rounding can take a distance between identical statistics a hair below zero.
        return Math.max(0, meanTerm + trace - 2 * traceSqrt);
    }
}

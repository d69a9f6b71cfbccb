package io.gantry.plugins.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static double[][] diagonal(double... values) {
        double[][] m = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            m[i][i] = values[i];
        }
        return m;
    }

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        double[][] cov = {{2, 0.5, 0.1}, {0.5, 1, 0.3}, {0.1, 0.3, 3}};
        FrechetDistance fd = new FrechetDistance(new double[] {1, 2, 3}, cov);
        assertThat(fd.distance(new double[] {1, 2, 3}, cov)).isCloseTo(0, within(1e-9));
    }

    @Test
    void matchesTheClosedFormForDiagonalCovariances() {
        // Diagonal: sum of (mu_i - nu_i)^2 + (sqrt(a_i) - sqrt(b_i))^2.
        FrechetDistance fd = new FrechetDistance(new double[] {0, 0, 0}, diagonal(1, 4, 9));
        double expected = (1 + 4 + 0) + Math.pow(1 - 2, 2) + Math.pow(2 - 1, 2) + Math.pow(3 - 3, 2);
        assertThat(fd.distance(new double[] {1, 2, 0}, diagonal(4, 1, 9))).isCloseTo(expected, within(1e-9));
    }

    @Test
    void handlesRotatedCovariances() {
        // The same covariance in a rotated basis: distance 0 to itself, and to a scaled copy
        // tr(S) + tr(4S) - 2 tr(2S) = tr(S).
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] r = {{c, -s}, {s, c}};
        double[][] rt = {{c, s}, {-s, c}};
        double[][] cov = Jacobi.multiply(Jacobi.multiply(r, diagonal(3, 0.5)), rt);
        double[][] four = Jacobi.multiply(cov, diagonal(4, 4));
        FrechetDistance fd = new FrechetDistance(new double[] {0, 0}, cov);
        assertThat(fd.distance(new double[] {0, 0}, cov)).isCloseTo(0, within(1e-9));
        assertThat(fd.distance(new double[] {0, 0}, four)).isCloseTo(3.5, within(1e-9));
    }
}

package io.gantry.plugins.metrics;

/** Cyclic Jacobi eigendecomposition of small symmetric matrices (feature covariances, d ~ 128). */
final class Jacobi {
    private static final int MAX_SWEEPS = 100;

    private Jacobi() {
    }

    static double[] eigenvalues(double[][] symmetric) {
        return decompose(symmetric, null);
    }

    /** The symmetric square root of a positive semi-definite matrix (negative rounding noise clipped). */
    static double[][] sqrtPsd(double[][] symmetric) {
        int n = symmetric.length;
        double[][] vectors = new double[n][n];
        double[] values = decompose(symmetric, vectors);
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(0, values[k]));
            for (int i = 0; i < n; i++) {
                double vik = vectors[i][k] * s;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * vectors[j][k];
                }
            }
        }
        return out;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    /** Eigenvalues; when {@code vectors} is given, it receives the eigenvectors as columns. */
    private static double[] decompose(double[][] symmetric, double[][] vectors) {
        int n = symmetric.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = symmetric[i].clone();
        }
        if (vectors != null) {
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(vectors[i], 0);
                vectors[i][i] = 1;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    if (vectors != null) {
                        for (int k = 0; k < n; k++) {
                            double vkp = vectors[k][p];
                            double vkq = vectors[k][q];
                            vectors[k][p] = c * vkp - s * vkq;
                            vectors[k][q] = s * vkp + c * vkq;
                        }
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}

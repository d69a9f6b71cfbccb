package io.gantry.plugins.metrics;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The k-nearest-neighbour manifold of Kynkäänniemi et al. (2019): a ball around every point whose
 * radius is the distance to its k-th nearest neighbour in the same set. Precision is the share of
 * generated points inside the real manifold; recall the share of real points inside the generated one.
 */
final class KnnManifold {
    private static final int CHUNK = 1000;
    private final INDArray points;
    private final float[] radiiSquared;

    KnnManifold(INDArray points, int k) {
        if (points.size(0) <= k) {
            throw new IllegalArgumentException("a k-NN manifold with k = " + k + " needs more than " + k
                    + " points, got " + points.size(0));
        }
        this.points = points.castTo(DataType.FLOAT);
        this.radiiSquared = kthNeighbourDistances(this.points, k);
    }

    INDArray points() {
        return points;
    }

    /** Share of {@code queries} that lie within at least one ball of this manifold. */
    double coverage(INDArray queries) {
        INDArray q = queries.castTo(DataType.FLOAT);
        long inside = 0;
        for (long from = 0; from < q.size(0); from += CHUNK) {
            INDArray chunk = q.get(NDArrayIndex.interval(from, Math.min(q.size(0), from + CHUNK)), NDArrayIndex.all());
            float[] d = squaredDistances(chunk, points);
            int m = (int) points.size(0);
            for (int r = 0; r < chunk.size(0); r++) {
                for (int j = 0; j < m; j++) {
                    if (d[r * m + j] <= radiiSquared[j]) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return inside / (double) q.size(0);
    }

    /** For each point, the squared distance to its k-th nearest other point. */
    private static float[] kthNeighbourDistances(INDArray x, int k) {
        int n = (int) x.size(0);
        float[] out = new float[n];
        float[] smallest = new float[k + 1];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            float[] d = squaredDistances(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), x);
            for (int r = 0; r < to - from; r++) {
                // k + 1 smallest, the point itself (distance 0) included
                java.util.Arrays.fill(smallest, Float.POSITIVE_INFINITY);
                for (int j = 0; j < n; j++) {
                    float v = d[r * n + j];
                    if (v < smallest[k]) {
                        int i = k;
                        while (i > 0 && smallest[i - 1] > v) {
                            smallest[i] = smallest[i - 1];
                            i--;
                        }
                        smallest[i] = v;
                    }
                }
                out[from + r] = smallest[k];
            }
        }
        return out;
    }

    /** Row-major {@code [a.rows, b.rows]} squared Euclidean distances, clipped at 0. */
    private static float[] squaredDistances(INDArray a, INDArray b) {
        INDArray aSquares = a.mul(a);
        INDArray bSquares = b.mul(b);
        INDArray aNorms = aSquares.sum(1).reshape(a.size(0), 1);
        INDArray bNorms = bSquares.sum(1).reshape(1, b.size(0));
        INDArray d = a.mmul(b.transpose()).muli(-2).addiColumnVector(aNorms).addiRowVector(bNorms);
        INDArray ordered = d.dup('c');
        float[] out = ordered.data().asFloat();
        // 40 MB a chunk: freed now, not when a garbage collection finds it (ReferenceClassifier.release)
        ReferenceClassifier.release(List.of(d, ordered, aNorms, bNorms, aSquares, bSquares));
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                out[i] = 0;
            }
        }
        return out;
    }
}

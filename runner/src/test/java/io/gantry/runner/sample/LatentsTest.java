package io.gantry.runner.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.NoiseSampler;
import io.gantry.engine.SeededRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LatentsTest {
    private static final NoiseSampler NORMAL = (n, dim, rng) -> {
        float[][] z = new float[n][dim];
        for (float[] row : z) {
            for (int i = 0; i < dim; i++) {
                row[i] = (float) rng.nextGaussian();
            }
        }
        return Nd4j.create(z);
    };

    @Test
    void slerpFollowsTheGreatCircleBetweenTheEnds() {
        INDArray a = Nd4j.create(new float[][] {{1, 0}});
        INDArray b = Nd4j.create(new float[][] {{0, 2}});
        INDArray path = Latents.slerp(a, b, 3);
        assertThat(path.shape()).containsExactly(3, 2);
        assertThat(path.getRow(0).toDoubleVector()).containsExactly(new double[] {1, 0}, within(1e-6));
        assertThat(path.getRow(2).toDoubleVector()).containsExactly(new double[] {0, 2}, within(1e-6));
        // 90 degrees apart: the middle weighs both ends by sin(45)/sin(90)
        double w = Math.sqrt(0.5);
        assertThat(path.getRow(1).toDoubleVector()).containsExactly(new double[] {w, 2 * w}, within(1e-6));
        // parallel ends: a straight line
        INDArray line = Latents.slerp(a, Nd4j.create(new float[][] {{3, 0}}), 3);
        assertThat(line.getRow(1).toDoubleVector()).containsExactly(new double[] {2, 0}, within(1e-6));
    }

    @Test
    void truncationRedrawsValuesBeyondTheBoundAndTheSeedFixesTheDraw() {
        INDArray z = Latents.draw(NORMAL, 64, 100, new SeededRandom(1), 0.5);
        double[] values = z.dup().data().asDouble();
        assertThat(java.util.Arrays.stream(values).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(0.5);
        // redrawn, not clamped: hardly any value sits on the bound
        assertThat(java.util.Arrays.stream(values).filter(v -> Math.abs(v) == 0.5).count()).isLessThan(5);
        assertThat(Latents.draw(NORMAL, 64, 100, new SeededRandom(1), 0.5)).isEqualTo(z);
        assertThat(Latents.draw(NORMAL, 64, 100, new SeededRandom(2), 0.5)).isNotEqualTo(z);
        INDArray untruncated = Latents.draw(NORMAL, 64, 100, new SeededRandom(1), 0);
        assertThat(untruncated.amaxNumber().doubleValue()).isGreaterThan(2);
    }
}

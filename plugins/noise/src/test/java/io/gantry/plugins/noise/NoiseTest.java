package io.gantry.plugins.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NoiseTest {
    @Test
    void uniformStaysInItsBoundsAndIsReproducible() {
        var u = new UniformNoise();
        var sampler = u.create(u.parameters().bind(Map.of("low", -0.5, "high", 2.0)));
        INDArray a = sampler.sample(200, 10, new SplittableRandom(1));
        INDArray b = sampler.sample(200, 10, new SplittableRandom(1));
        assertThat(a.shape()).containsExactly(200, 10);
        assertThat(a).isEqualTo(b);
        assertThat(a.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.5);
        assertThat(a.maxNumber().doubleValue()).isLessThan(2.0);
        assertThat(a.meanNumber().doubleValue()).isCloseTo(0.75, within(0.05));
    }

    @Test
    void normalHasTheAskedMeanAndStd() {
        var n = new NormalNoise();
        INDArray a = n.create(n.parameters().bind(Map.of("mean", 1.0, "std", 0.3)))
                .sample(1000, 20, new SplittableRandom(2));
        assertThat(a.meanNumber().doubleValue()).isCloseTo(1.0, within(0.01));
        assertThat(a.stdNumber().doubleValue()).isCloseTo(0.3, within(0.01));
    }

    @Test
    void uniformWithHighBelowLowIsRejected() {
        var u = new UniformNoise();
        assertThatThrownBy(() -> u.create(u.parameters().bind(Map.of("low", 1.0, "high", 0.0))))
                .hasMessageContaining("'high' (0.0) must be greater than 'low' (1.0)");
    }
}

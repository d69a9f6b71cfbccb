package io.gantry.api;

/**
 * How a loss reads its critic's outputs, for the per-step diagnostics and the saturation guard
 * ({@code training.stop_if_d_saturated_for}).
 */
public enum CriticReadout {
    /**
     * sigmoid(logit) is D's probability that an image is real: logged as {@code d_x} and {@code d_g_z};
     * D has saturated (G's gradient is vanishing) when D(x) > 0.99 and D(G(z)) < 0.01.
     */
    PROBABILITY("d_x", "d_g_z"),
    /**
     * The logit is a score with no probability reading (Wasserstein, hinge, least-squares,
     * relativistic critics): its means are logged as {@code critic_real} and {@code critic_fake};
     * these losses keep G's gradient when D wins, so nothing counts as saturated.
     */
    SCORE("critic_real", "critic_fake");

    private final String realMetric;
    private final String fakeMetric;

    CriticReadout(String realMetric, String fakeMetric) {
        this.realMetric = realMetric;
        this.fakeMetric = fakeMetric;
    }

    /** The metric name of the mean reading on real images. */
    public String realMetric() {
        return realMetric;
    }

    /** The metric name of the mean reading on generated images. */
    public String fakeMetric() {
        return fakeMetric;
    }

    /** What one logit reads as. */
    public double read(double logit) {
        return this == PROBABILITY ? 1 / (1 + Math.exp(-logit)) : logit;
    }

    /** Whether D has won so clearly, at these mean readings, that G learns nothing more. */
    public boolean saturated(double meanReal, double meanFake) {
        return this == PROBABILITY && meanReal > 0.99 && meanFake < 0.01;
    }
}

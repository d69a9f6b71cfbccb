package io.gantry.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training iteration measured.
 *
 * @param dLoss D's loss (real term + fake term), averaged over the iteration's D steps
 * @param gLoss G's loss, averaged over the iteration's G steps
 * @param dReal mean D(x): D's probability that real images are real
 * @param dFake mean D(G(z)) on the fakes D trained on
 * @param imagesPerSec real images consumed per second of this iteration
 * @param dMillis wall time of the D steps, ms (includes generating their fakes)
 * @param gMillis wall time of the G steps, ms
 * @param dataMillis wall time spent assembling real batches, ms
 * @param images real images consumed by this iteration
 */
public record StepMetrics(double dLoss, double gLoss, double dReal, double dFake, double imagesPerSec,
                          double dMillis, double gMillis, double dataMillis, long images) {

    /** Metric names as they appear in the tracker. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("d_loss", dLoss);
        m.put("g_loss", gLoss);
        m.put("d_x", dReal);
        m.put("d_g_z", dFake);
        m.put("images_per_sec", imagesPerSec);
        return m;
    }
}

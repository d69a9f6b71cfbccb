package io.gantry.engine;

import io.gantry.api.CriticReadout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training iteration measured.
 *
 * @param dLoss D's loss (real term + fake term), averaged over the iteration's D steps
 * @param gLoss G's loss, averaged over the iteration's G steps
 * @param dReal mean reading of D on real images (D(x), a probability, for probability critics)
 * @param dFake mean reading of D on the fakes D trained on (D(G(z)))
 * @param imagesPerSec real images consumed per second of this iteration
 * @param dMillis wall time of the D steps, ms (includes generating their fakes)
 * @param gMillis wall time of the G steps, ms
 * @param dataMillis wall time spent assembling real batches, ms
 * @param images real images consumed by this iteration
 * @param readout how the loss reads D's outputs, which names {@code dReal} and {@code dFake}
 */
public record StepMetrics(double dLoss, double gLoss, double dReal, double dFake, double imagesPerSec,
                          double dMillis, double gMillis, double dataMillis, long images,
                          CriticReadout readout) {

    /** Metric names as they appear in the tracker. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("d_loss", dLoss);
        m.put("g_loss", gLoss);
        m.put(readout.realMetric(), dReal);
        m.put(readout.fakeMetric(), dFake);
        m.put("images_per_sec", imagesPerSec);
        return m;
    }
}

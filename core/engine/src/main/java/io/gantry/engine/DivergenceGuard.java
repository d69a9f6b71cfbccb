package io.gantry.engine;

import io.gantry.api.CriticReadout;

/**
 * Ends a run that went wrong, after the step that shows it and before its state is checkpointed: a
 * loss that is not finite, or a D that has won for {@code saturationLimit} steps in a row as the
 * loss's readout defines winning (0: never checked).
 */
final class DivergenceGuard {
    private final CriticReadout readout;
    private final int saturationLimit;
    private int saturated;

    DivergenceGuard(CriticReadout readout, int saturationLimit) {
        this.readout = readout;
        this.saturationLimit = saturationLimit;
    }

    void check(long step, StepMetrics metrics) {
        if (!Double.isFinite(metrics.dLoss()) || !Double.isFinite(metrics.gLoss())) {
            throw new TrainingDivergedException(step, "loss is not finite (d_loss " + metrics.dLoss()
                    + ", g_loss " + metrics.gLoss() + ")");
        }
        saturated = readout.saturated(metrics.dReal(), metrics.dFake()) ? saturated + 1 : 0;
        if (saturationLimit > 0 && saturated >= saturationLimit) {
            throw new TrainingDivergedException(step, "discriminator saturated (D(x) > 0.99, D(G(z)) < 0.01) for "
                    + saturated + " steps");
        }
    }
}

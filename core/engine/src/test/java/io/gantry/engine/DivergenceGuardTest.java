package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.CriticReadout;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    private static StepMetrics metrics(double dLoss, double dReal, double dFake, CriticReadout readout) {
        return new StepMetrics(dLoss, 1.0, dReal, dFake, 100, 1, 1, 0, 64, readout);
    }

    @Test
    void aProbabilityCriticThatWinsForTheLimitEndsTheRunAndAStreakBreakResetsIt() {
        DivergenceGuard guard = new DivergenceGuard(CriticReadout.PROBABILITY, 3);
        guard.check(1, metrics(0.1, 0.995, 0.005, CriticReadout.PROBABILITY));
        guard.check(2, metrics(0.1, 0.995, 0.005, CriticReadout.PROBABILITY));
        guard.check(3, metrics(0.1, 0.90, 0.005, CriticReadout.PROBABILITY)); // breaks the streak
        guard.check(4, metrics(0.1, 0.995, 0.005, CriticReadout.PROBABILITY));
        guard.check(5, metrics(0.1, 0.995, 0.005, CriticReadout.PROBABILITY));
        assertThatThrownBy(() -> guard.check(6, metrics(0.1, 0.995, 0.005, CriticReadout.PROBABILITY)))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("saturated");
    }

    @Test
    void aScoreCriticNeverCountsAsSaturatedButANonFiniteLossAlwaysEndsTheRun() {
        DivergenceGuard guard = new DivergenceGuard(CriticReadout.SCORE, 1);
        assertThatCode(() -> guard.check(1, metrics(0.1, 50.0, -50.0, CriticReadout.SCORE))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(2, metrics(Double.NaN, 50.0, -50.0, CriticReadout.SCORE)))
                .hasMessageContaining("loss is not finite");
    }
}

package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** decideAt: the trainer asks at the named steps, with quality evaluated there, and a "no" ends training. */
class EarlyStopTest {

    @Test
    void aNoAtADecisionStepEndsTrainingThereWithACheckpointAndNoFinalEvaluation() {
        List<StepMetrics> seen = new ArrayList<>();
        List<Long> evaluatedAt = new ArrayList<>();
        List<Long> askedAt = new ArrayList<>();
        List<Long> checkpointsAt = new ArrayList<>();
        GanTrainer trainer = TinyGan.trainer(TinyGan.networks(21), seen, 20)
                .evaluateWith((step, images) -> evaluatedAt.add(step), 0)
                .checkpointTo((nets, state) -> checkpointsAt.add(state.step()), 0)
                .decideAt(List.of(3L, 9L, 27L), step -> {
                    // the evaluation at this step came first, so the decision can read it
                    assertThat(evaluatedAt).contains(step);
                    askedAt.add(step);
                    return step < 9;
                });

        long steps = trainer.train(() -> false);

        assertThat(steps).isEqualTo(9);
        assertThat(seen).hasSize(9);
        assertThat(askedAt).containsExactly(3L, 9L);
        assertThat(evaluatedAt).containsExactly(3L, 9L);
        assertThat(checkpointsAt).containsExactly(9L);
    }

    @Test
    void decisionStepsAtOrPastTheBudgetAreNotAskedAndTheRunEndsAsUsual() {
        List<Long> evaluatedAt = new ArrayList<>();
        List<Long> askedAt = new ArrayList<>();
        long steps = TinyGan.trainer(TinyGan.networks(22), new ArrayList<>(), 6)
                .evaluateWith((step, images) -> evaluatedAt.add(step), 0)
                .decideAt(List.of(2L, 6L), step -> askedAt.add(step))
                .train(() -> false);

        assertThat(steps).isEqualTo(6);
        assertThat(askedAt).containsExactly(2L);
        assertThat(evaluatedAt).containsExactly(2L, 6L);
    }
}

package io.gantry.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepProfileTest {

    /** A tracking listener that takes 3 ms per step, as a slow synchronous tracker would. */
    private static final TrainingListener SLOW_TRACKING = new TrainingListener() {
        @Override
        public void stepCompleted(long step, int epoch, StepMetrics metrics) {
            sleep(3);
        }
    };

    private static StepMetrics step(double dataMs, double dMs, double gMs) {
        return new StepMetrics(1.0, 1.0, 0.5, 0.5, 100.0, dMs, gMs, dataMs, 64, io.gantry.api.CriticReadout.PROBABILITY);
    }

    @Test
    void leavesOutTheWarmUpAndSplitsTheStepIntoItsParts() {
        AtomicLong writerCpu = new AtomicLong(0);
        StepProfile profile = new StepProfile(5, writerCpu::get);
        TrainingListener tracking = profile.timing(SLOW_TRACKING);
        profile.started(25, 10);
        for (long s = 1; s <= 25; s++) {
            // Warm-up steps report absurd times: they must not reach the medians.
            StepMetrics m = s <= 5 ? step(1000, 1000, 1000) : step(1.0, 4.0 + (s % 2), 2.0);
            sleep(10);
            tracking.stepCompleted(s, 0, m);
            profile.stepCompleted(s, 0, m);
            writerCpu.addAndGet(1_000_000);
        }
        var summary = profile.summary();
        assertThat(summary.get("profile.measured_steps")).isEqualTo(20.0);
        assertThat(summary.get("profile.data_ms")).isEqualTo(1.0);
        assertThat(summary.get("profile.d_step_ms")).isEqualTo(4.5);
        assertThat(summary.get("profile.g_step_ms")).isEqualTo(2.0);
        // Each step slept 10 ms in the loop and 3 ms in tracking.
        assertThat(summary.get("profile.tracking_ms")).isGreaterThanOrEqualTo(3.0);
        assertThat(summary.get("profile.step_ms")).isGreaterThanOrEqualTo(13.0);
        assertThat(summary.get("profile.tracking_share")).isGreaterThan(0.0).isLessThan(1.0);
        // 64 images per step of at least 13 ms.
        assertThat(summary.get("profile.images_per_sec")).isPositive().isLessThanOrEqualTo(64 / 0.013);
        // About 1 ms of writer CPU per step of at least 13 ms wall.
        assertThat(summary.get("profile.tracking_writer_cpu_share")).isGreaterThan(0.0).isLessThan(0.1);
    }

    @Test
    void oneStalledStepShowsInTheMeanAndTheTailNotInTheMedian() {
        StepProfile profile = new StepProfile(0, () -> -1);
        profile.started(21, 100);
        profile.stepCompleted(0, 0, step(1, 1, 1));
        for (long s = 1; s <= 20; s++) {
            sleep(s == 7 ? 200 : 5);
            profile.stepCompleted(s, 0, step(1, 1, 1));
        }
        var summary = profile.summary();
        assertThat(summary.get("profile.step_ms")).isLessThan(50.0);
        // 19 steps of ~5 ms and one of 200 ms: a mean of at least (19 * 5 + 200) / 20 = 14.75 ms.
        assertThat(summary.get("profile.step_mean_ms")).isGreaterThanOrEqualTo(14.75);
        // Nearest rank: the 90th percentile is the 18th of 20 sorted steps, the 99th the 20th (the stall).
        assertThat(summary.get("profile.step_p90_ms")).isLessThan(50.0);
        assertThat(summary.get("profile.step_p99_ms")).isGreaterThanOrEqualTo(200.0);
        assertThat(summary.get("profile.images_per_sec"))
                .isCloseTo(64 / (summary.get("profile.step_mean_ms") / 1000), withPercentage(0.01));
    }

    @Test
    void withoutAWarmUpSettingItLeavesOutATenthOfTheRunAtMostFifty() {
        StepProfile profile = new StepProfile(null, () -> -1);
        profile.started(2000, 100);
        for (long s = 1; s <= 120; s++) {
            profile.stepCompleted(s, 0, step(1, 1, 1));
        }
        assertThat(profile.measuredSteps()).isEqualTo(70);
        assertThat(profile.summary()).doesNotContainKey("profile.tracking_writer_cpu_share");

        StepProfile shortRun = new StepProfile(null, () -> -1);
        shortRun.started(30, 10);
        for (long s = 1; s <= 30; s++) {
            shortRun.stepCompleted(s, 0, step(1, 1, 1));
        }
        assertThat(shortRun.measuredSteps()).isEqualTo(27);
    }

    @Test
    void aRunThatEndsInItsWarmUpHasNoProfile() {
        StepProfile profile = new StepProfile(10, () -> -1);
        profile.started(100, 10);
        for (long s = 1; s <= 10; s++) {
            profile.stepCompleted(s, 0, step(1, 1, 1));
        }
        assertThat(profile.summary()).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

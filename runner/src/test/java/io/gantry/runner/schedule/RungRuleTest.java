package io.gantry.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RungRuleTest {
    private final RungRule minimise = new RungRule(3, true);

    /** Reports arriving one by one, each decided against those before it and itself. */
    private static List<Boolean> decisions(RungRule rule, double... arriving) {
        List<Double> reported = new ArrayList<>();
        List<Boolean> out = new ArrayList<>();
        for (double v : arriving) {
            reported.add(v);
            out.add(rule.decide(v, reported).goOn());
        }
        return out;
    }

    @Test
    void theFirstTrialAtARungGoesOnWhateverItsValue() {
        RungRule.Decision d = minimise.decide(1e9, List.of(1e9));
        assertThat(d.goOn()).isTrue();
        assertThat(d.kept()).isEqualTo(1);
        assertThat(d.rank()).isEqualTo(1);
    }

    @Test
    void keepsTheBestThirdOfThoseReportedSoFar() {
        // n=2: best 1 goes on; n=3: best 1; n=6: best 2; n=9: best 3
        assertThat(decisions(minimise, 5, 4, 6, 3, 3.5, 10, 2, 9, 3.6))
                .containsExactly(true, true, false, true, false, false, true, false, false);
        RungRule.Decision ninth = minimise.decide(3.6, List.of(5.0, 4.0, 6.0, 3.0, 3.5, 10.0, 2.0, 9.0, 3.6));
        assertThat(ninth.kept()).isEqualTo(3);
        assertThat(ninth.cutoff()).isEqualTo(3.5);
        assertThat(ninth.rank()).isEqualTo(4);
        assertThat(ninth.reported()).isEqualTo(9);
    }

    @Test
    void aTieWithTheCutoffGoesOn() {
        assertThat(minimise.decide(2.0, List.of(2.0, 2.0, 2.0)).goOn()).isTrue();
        assertThat(minimise.decide(2.0, List.of(1.0, 2.0, 2.0)).goOn()).isFalse();
        assertThat(minimise.decide(2.0, List.of(1.0, 2.0, 2.0, 2.0, 2.0, 2.0)).goOn()).isTrue();
    }

    @Test
    void modeMaxKeepsTheHighest() {
        RungRule maximise = new RungRule(2, false);
        assertThat(decisions(maximise, 0.5, 0.9, 0.4, 0.95)).containsExactly(true, true, false, true);
        RungRule.Decision d = maximise.decide(0.4, List.of(0.5, 0.9, 0.4, 0.95));
        assertThat(d.cutoff()).isEqualTo(0.9);
        assertThat(d.explain("classifier_score")).isEqualTo(
                "stop: classifier_score 0.400000, rank 4 of 4 reported, best 2 go on, cutoff 0.900000");
    }

    @Test
    void aNanValueNeverGoesOnAndRanksLast() {
        assertThat(minimise.decide(Double.NaN, List.of(Double.NaN)).goOn()).isFalse();
        RungRule.Decision d = minimise.decide(1.0, List.of(Double.NaN, 1.0, 2.0));
        assertThat(d.goOn()).isTrue();
        assertThat(d.cutoff()).isEqualTo(1.0);
    }

    @Test
    void etaBelowTwoIsRefused() {
        assertThatThrownBy(() -> new RungRule(1, true)).hasMessageContaining("eta must be >= 2");
    }
}

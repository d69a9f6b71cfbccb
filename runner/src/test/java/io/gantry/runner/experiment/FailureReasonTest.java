package io.gantry.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureReasonTest {
    @Test
    void aClassThatCannotLoadIsNamedWithWhatToDo() {
        assertThat(FailureReason.of(new NoClassDefFoundError("org/apache/commons/math3/util/FastMath")))
                .startsWith("NoClassDefFoundError: org/apache/commons/math3/util/FastMath could not be loaded: a "
                        + "plugin's jar lacks a class it needs");
    }

    @Test
    void otherFailuresKeepTheirMessageOrTheirClass() {
        assertThat(FailureReason.of(new IllegalStateException("d_loss is NaN at step 12"))).isEqualTo(
                "d_loss is NaN at step 12");
        assertThat(FailureReason.of(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }
}

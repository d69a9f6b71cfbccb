package io.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSchemaTest {
    private final ParameterSchema schema = ParameterSchema.builder()
            .number("lr", 0.001, 0.0, null, "learning rate")
            .integer("width", 64, 1, 4096, "units")
            .choice("mode", "train", List.of("train", "inference"), "batch norm mode")
            .intList("hidden", List.of(8, 16), 1, "widths")
            .bool("bias", true, "use a bias")
            .string("name", null, "required name")
            .build();

    @Test
    void fillsDefaultsAndNormalisesNumbers() {
        Params p = schema.bind(Map.of("name", "x", "lr", 1, "width", 128L));
        assertThat(p.getDouble("lr")).isEqualTo(1.0);
        assertThat(p.getInt("width")).isEqualTo(128);
        assertThat(p.getString("mode")).isEqualTo("train");
        assertThat(p.getIntList("hidden")).containsExactly(8, 16);
        assertThat(p.getBoolean("bias")).isTrue();
        assertThat(p.asMap().keySet()).containsExactly("lr", "width", "mode", "hidden", "bias", "name");
    }

    @Test
    void unknownKeyNamesTheKeyAndListsTheAllowedOnes() {
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "lrr", 0.1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("unknown parameter 'lrr'")
                .hasMessageContaining("allowed: lr (number >= 0, default 0.001), width")
                .extracting(e -> ((InvalidParameterException) e).key()).isEqualTo("lrr");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndWhatCame() {
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "width", "wide")))
                .hasMessage("parameter 'width' expects an integer but got string 'wide'");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "width", 1.5)))
                .hasMessageContaining("expects an integer but got number '1.5'");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "hidden", List.of(8, "a"))))
                .hasMessageContaining("expects a list of integers");
    }

    @Test
    void rangeAndChoicesAreEnforced() {
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "width", 0)))
                .hasMessage("parameter 'width' is 0 but must be integer in [1, 4096]");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "lr", -0.1)))
                .hasMessageContaining("must be number >= 0");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "hidden", List.of(8, 0))))
                .hasMessageContaining("'hidden' is 0");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "mode", "eval")))
                .hasMessage("parameter 'mode' is 'eval'; allowed values: train, inference");
    }

    @Test
    void nanAndInfinityAreNotNumbersAParameterCanTake() {
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "lr", Double.NaN)))
                .hasMessage("parameter 'lr' is NaN but must be a finite number (number >= 0)");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "lr", Double.POSITIVE_INFINITY)))
                .hasMessage("parameter 'lr' is Infinity but must be a finite number (number >= 0)");
    }

    @Test
    void integersPastTheIntRangeAreRefusedNotWrapped() {
        // 4294967396 = 2^32 + 100 once wrapped to 100
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "width", 4294967396L)))
                .hasMessage("parameter 'width' is 4294967396, beyond any integer it can hold (-2147483648 to "
                        + "2147483647)");
        assertThatThrownBy(() -> schema.bind(Map.of("name", "x", "hidden", List.of(8, new java.math.BigInteger(
                "99999999999999999999")))))
                .hasMessageContaining("'hidden' is 99999999999999999999, beyond any integer");
        assertThat(schema.bind(Map.of("name", "x", "width", 12L)).getInt("width")).isEqualTo(12);
    }

    @Test
    void missingRequiredParameterIsAnError() {
        assertThatThrownBy(() -> schema.bind(Map.of()))
                .hasMessageContaining("missing required parameter 'name'");
    }
}

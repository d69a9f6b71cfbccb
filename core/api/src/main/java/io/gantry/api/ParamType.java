package io.gantry.api;

import java.util.ArrayList;
import java.util.List;

/** The value types a component parameter can have; each knows how to check and normalise a raw YAML value. */
public enum ParamType {
    INT("integer") {
        @Override
        Object coerce(Object raw) {
            if (raw instanceof Integer || raw instanceof Short
                    || raw instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return ((Number) raw).intValue();
            }
            return null;
        }
    },
    DOUBLE("number") {
        @Override
        Object coerce(Object raw) {
            return raw instanceof Number n ? n.doubleValue() : null;
        }
    },
    BOOLEAN("boolean") {
        @Override
        Object coerce(Object raw) {
            return raw instanceof Boolean ? raw : null;
        }
    },
    STRING("string") {
        @Override
        Object coerce(Object raw) {
            return raw instanceof String ? raw : null;
        }
    },
    INT_LIST("list of integers") {
        @Override
        Object coerce(Object raw) {
            if (!(raw instanceof List<?> list)) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            for (Object o : list) {
                Object v = INT.coerce(o);
                if (v == null) {
                    return null;
                }
                out.add((Integer) v);
            }
            return List.copyOf(out);
        }
    };

    private final String label;

    ParamType(String label) {
        this.label = label;
    }

    /** Human name used in error messages ("expected a number"). */
    public String label() {
        return label;
    }

    /** The normalised value, or null when {@code raw} is not of this type. */
    abstract Object coerce(Object raw);
}

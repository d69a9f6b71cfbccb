package io.gantry.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The declared parameters of one component. {@link #bind} checks a raw parameter map against the
 * declarations (unknown keys, types, ranges, choices) and fills in defaults, so a component never
 * sees a value it did not declare.
 */
public final class ParameterSchema {
    private final Map<String, ParameterDef> defs;

    private ParameterSchema(Map<String, ParameterDef> defs) {
        this.defs = Collections.unmodifiableMap(defs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ParameterSchema empty() {
        return new Builder().build();
    }

    public List<ParameterDef> definitions() {
        return List.copyOf(defs.values());
    }

    /** Validates {@code raw} and returns it with defaults applied, in declaration order. */
    public Params bind(Map<String, ?> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (!defs.containsKey(key)) {
                throw new InvalidParameterException(key, "unknown parameter '" + key + "'; allowed: " + allowedText());
            }
        }
        for (ParameterDef def : defs.values()) {
            Object value = raw.get(def.name());
            if (value == null) {
                if (def.required()) {
                    throw new InvalidParameterException(def.name(),
                            "missing required parameter '" + def.name() + "' (" + def.constraintText() + ")");
                }
                out.put(def.name(), def.defaultValue());
                continue;
            }
            out.put(def.name(), check(def, value));
        }
        return new Params(out);
    }

    private static Object check(ParameterDef def, Object raw) {
        for (Object element : raw instanceof List<?> list ? list : List.of(raw)) {
            if ((def.type() == ParamType.INT || def.type() == ParamType.INT_LIST) && beyondInt(element)) {
                throw new InvalidParameterException(def.name(), "parameter '" + def.name() + "' is " + element
                        + ", beyond any integer it can hold (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
            }
            if (def.type() == ParamType.DOUBLE && element instanceof Number n && !Double.isFinite(n.doubleValue())) {
                throw new InvalidParameterException(def.name(), "parameter '" + def.name() + "' is " + n
                        + " but must be a finite number" + bounds(def));
            }
        }
        Object v = def.type().coerce(raw);
        if (v == null) {
            throw new InvalidParameterException(def.name(), "parameter '" + def.name() + "' expects "
                    + article(def.type().label()) + " " + def.type().label() + " but got " + describe(raw));
        }
        if (!def.choices().isEmpty() && !def.choices().contains(v.toString())) {
            throw new InvalidParameterException(def.name(), "parameter '" + def.name() + "' is '" + v
                    + "'; allowed values: " + String.join(", ", def.choices()));
        }
        List<Number> numbers = new ArrayList<>();
        if (v instanceof Number n) {
            numbers.add(n);
        } else if (v instanceof List<?> list) {
            list.forEach(o -> numbers.add((Number) o));
        }
        for (Number n : numbers) {
            double d = n.doubleValue();
            if ((def.min() != null && d < def.min()) || (def.max() != null && d > def.max())) {
                throw new InvalidParameterException(def.name(), "parameter '" + def.name() + "' is " + n
                        + " but must be " + def.constraintText().replaceFirst(", (default|required).*", ""));
            }
        }
        return v;
    }

    /** An integral value an int would wrap (YAML gives a Long or BigInteger for those). */
    private static boolean beyondInt(Object value) {
        if (value instanceof java.math.BigInteger) {
            return true;
        }
        return value instanceof Long l && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE);
    }

    private static String bounds(ParameterDef def) {
        String text = def.constraintText().replaceFirst(", (default|required).*", "");
        return text.equals(def.type().label()) ? "" : " (" + text + ")";
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String describe(Object raw) {
        String type = raw instanceof String ? "string" : raw instanceof Number ? "number"
                : raw instanceof Boolean ? "boolean" : raw instanceof List ? "list"
                : raw instanceof Map ? "mapping" : raw.getClass().getSimpleName();
        return type + " '" + raw + "'";
    }

    private String allowedText() {
        return defs.isEmpty() ? "(none)" : defs.values().stream()
                .map(d -> d.name() + " (" + d.constraintText() + ")")
                .collect(Collectors.joining(", "));
    }

    public static final class Builder {
        private final Map<String, ParameterDef> defs = new LinkedHashMap<>();

        public Builder add(ParameterDef def) {
            if (defs.putIfAbsent(def.name(), def) != null) {
                throw new IllegalArgumentException("parameter declared twice: " + def.name());
            }
            return this;
        }

        public Builder integer(String name, Integer def, Integer min, Integer max, String doc) {
            return add(new ParameterDef(name, ParamType.INT, def, toD(min), toD(max), null, doc));
        }

        public Builder number(String name, Double def, Double min, Double max, String doc) {
            return add(new ParameterDef(name, ParamType.DOUBLE, def, min, max, null, doc));
        }

        public Builder bool(String name, boolean def, String doc) {
            return add(new ParameterDef(name, ParamType.BOOLEAN, def, null, null, null, doc));
        }

        public Builder string(String name, String def, String doc) {
            return add(new ParameterDef(name, ParamType.STRING, def, null, null, null, doc));
        }

        public Builder choice(String name, String def, List<String> choices, String doc) {
            return add(new ParameterDef(name, ParamType.STRING, def, null, null, choices, doc));
        }

        public Builder intList(String name, List<Integer> def, Integer min, String doc) {
            return add(new ParameterDef(name, ParamType.INT_LIST, def == null ? null : List.copyOf(def),
                    toD(min), null, null, doc));
        }

        public ParameterSchema build() {
            return new ParameterSchema(new LinkedHashMap<>(defs));
        }

        private static Double toD(Integer i) {
            return i == null ? null : i.doubleValue();
        }
    }
}

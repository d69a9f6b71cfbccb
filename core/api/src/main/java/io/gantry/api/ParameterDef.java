package io.gantry.api;

import java.util.List;

/**
 * One tunable of a component: its name, type, default, allowed values and a one-line description.
 * A null default means the parameter is required.
 */
public record ParameterDef(String name, ParamType type, Object defaultValue, Double min, Double max,
                           List<String> choices, String doc) {

    public ParameterDef {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** "number >= 0, default 0.0002" style text for listings and errors. */
    public String constraintText() {
        StringBuilder sb = new StringBuilder(type.label());
        if (!choices.isEmpty()) {
            sb.append(" one of ").append(String.join(", ", choices));
        }
        if (min != null && max != null) {
            sb.append(" in [").append(fmt(min)).append(", ").append(fmt(max)).append(']');
        } else if (min != null) {
            sb.append(" >= ").append(fmt(min));
        } else if (max != null) {
            sb.append(" <= ").append(fmt(max));
        }
        sb.append(required() ? ", required" : ", default " + defaultValue);
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}

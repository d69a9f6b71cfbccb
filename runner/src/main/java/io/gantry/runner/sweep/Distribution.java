package io.gantry.runner.sweep;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** A distribution a random search samples one key from: choice, uniform, loguniform or int. */
public sealed interface Distribution {

    Object sample(RandomGenerator rng);

    record Choice(List<Object> values) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }
    }

    record Uniform(double low, double high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            return rng.nextDouble(low, high);
        }
    }

    record LogUniform(double low, double high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            return Math.exp(rng.nextDouble(Math.log(low), Math.log(high)));
        }
    }

    /** Integers from low to high, both included. */
    record IntRange(int low, int high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            return rng.nextInt(low, high + 1);
        }
    }

    /** {@code {choice: [..]}}, {@code {uniform: [a, b]}}, {@code {loguniform: [a, b]}} or {@code {int: [a, b]}}. */
    @SuppressWarnings("unchecked")
    static Distribution parse(Object def, Function<String, RuntimeException> error) {
        String help = "expected one of {choice: [v1, v2, ...]}, {uniform: [low, high]}, {loguniform: [low, high]}, "
                + "{int: [low, high]}";
        if (!(def instanceof Map<?, ?> m) || m.size() != 1) {
            throw error.apply(help);
        }
        var entry = ((Map<String, Object>) m).entrySet().iterator().next();
        if (!(entry.getValue() instanceof List<?> args) || args.isEmpty()) {
            throw error.apply(help);
        }
        if (entry.getKey().equals("choice")) {
            return new Choice(List.copyOf((List<Object>) args));
        }
        if (args.size() != 2 || !(args.get(0) instanceof Number a) || !(args.get(1) instanceof Number b)
                || a.doubleValue() >= b.doubleValue()) {
            throw error.apply(entry.getKey() + " needs [low, high] with low < high");
        }
        return switch (entry.getKey()) {
            case "uniform" -> new Uniform(a.doubleValue(), b.doubleValue());
            case "loguniform" -> {
                if (a.doubleValue() <= 0) {
                    throw error.apply("loguniform needs low > 0");
                }
                yield new LogUniform(a.doubleValue(), b.doubleValue());
            }
            case "int" -> {
                if (!(a instanceof Integer) || !(b instanceof Integer)) {
                    throw error.apply("int needs integer bounds");
                }
                yield new IntRange(a.intValue(), b.intValue());
            }
            default -> throw error.apply("unknown distribution '" + entry.getKey() + "'; " + help);
        };
    }
}

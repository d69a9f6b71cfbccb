package io.gantry.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values computed on first request and kept: what {@link MetricRunContext#perRun} and
 * {@link EvaluationContext#perEvaluation} promise. A computation may itself ask for other keys
 * (which {@code HashMap.computeIfAbsent} forbids). Not thread-safe: one run, one thread.
 */
public final class Memo {
    private final Map<String, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        if (!values.containsKey(key)) {
            T value = compute.get();
            values.put(key, value);
            return value;
        }
        return (T) values.get(key);
    }
}

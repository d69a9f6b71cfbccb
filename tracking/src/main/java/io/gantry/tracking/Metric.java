package io.gantry.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One metric value at a training step; timestamp in epoch milliseconds. */
public record Metric(String key, double value, long step, long timestamp) {

    /** Named values recorded together at one step, in the map's order. */
    public static List<Metric> atStep(Map<String, Double> values, long step, long timestamp) {
        List<Metric> out = new ArrayList<>(values.size());
        values.forEach((key, value) -> out.add(new Metric(key, value, step, timestamp)));
        return out;
    }
}

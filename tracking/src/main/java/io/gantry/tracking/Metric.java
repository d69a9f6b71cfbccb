package io.gantry.tracking;

/** One metric value at a training step; timestamp in epoch milliseconds. */
public record Metric(String key, double value, long step, long timestamp) {
}

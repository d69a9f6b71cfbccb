package io.gantry.api;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * What one metric evaluation produced: numbers by MLflow metric name (the real-data reference
 * values among them, under their own names) and images by key (a class histogram, say).
 */
public record MetricValues(Map<String, Double> values, Map<String, BufferedImage> images) {

    public MetricValues {
        values = Map.copyOf(values);
        images = Map.copyOf(images);
    }

    public static MetricValues of(Map<String, Double> values) {
        return new MetricValues(values, Map.of());
    }
}

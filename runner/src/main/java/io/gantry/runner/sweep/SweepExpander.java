package io.gantry.runner.sweep;

import io.gantry.runner.spec.SpecDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a spec with a sweep into its trials: the grid's Cartesian product (first axis slowest),
 * times the random trials (each grid cell gets its own draws from the sweep's random seed), times
 * the repeats (seed, seed + 1, ...).
 */
public final class SweepExpander {

    public List<Trial> expand(SpecDocument doc, SweepSpec sweep) {
        SpecDocument base = doc.without("sweep").without("launcher");
        List<Map<String, Object>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : sweep.grid().entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> cell : cells) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> c = new LinkedHashMap<>(cell);
                    c.put(axis.getKey(), value);
                    next.add(c);
                }
            }
            cells = next;
        }
        if (!sweep.random().isEmpty()) {
            SplittableRandom rng = new SplittableRandom(sweep.randomSeed());
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> cell : cells) {
                for (int t = 0; t < sweep.randomTrials(); t++) {
                    Map<String, Object> c = new LinkedHashMap<>(cell);
                    sweep.random().forEach((key, dist) -> c.put(key, dist.sample(rng)));
                    next.add(c);
                }
            }
            cells = next;
        }
        long baseSeed = base.get("seed") instanceof Number n ? n.longValue() : 42L;
        List<Trial> trials = new ArrayList<>();
        for (Map<String, Object> cell : cells) {
            for (int r = 0; r < sweep.repeats(); r++) {
                Map<String, Object> values = new LinkedHashMap<>(cell);
                if (sweep.repeats() > 1) {
                    values.put("seed", baseSeed + r);
                }
                SpecDocument d = base;
                for (Map.Entry<String, Object> v : values.entrySet()) {
                    d = d.with(v.getKey(), v.getValue(), "sweep");
                }
                trials.add(new Trial(trials.size() + 1, label(values), values, d));
            }
        }
        return trials;
    }

    /** {@code noise=normal,lr=0.001}: the last key segment and a short form of the value. */
    static String label(Map<String, Object> values) {
        if (values.isEmpty()) {
            return "base";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            String shortKey = key.substring(key.lastIndexOf('.') + 1);
            long same = values.keySet().stream().filter(k -> k.endsWith("." + shortKey) || k.equals(shortKey)).count();
            parts.add((same > 1 ? key : shortKey) + "=" + shortValue(e.getValue()));
        }
        return String.join(",", parts);
    }

    @SuppressWarnings("unchecked")
    static String shortValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("type") != null) {
                return m.get("type").toString();
            }
            // a block of blocks (optimizer: {generator: {...}, discriminator: {...}}): their types
            List<String> types = new ArrayList<>();
            for (Object v : ((Map<String, Object>) m).values()) {
                String s = shortValue(v);
                if (!types.contains(s)) {
                    types.add(s);
                }
            }
            return String.join("+", types);
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4g", d).replaceAll("\\.?0+(e|$)", "$1");
        }
        return String.valueOf(value);
    }
}

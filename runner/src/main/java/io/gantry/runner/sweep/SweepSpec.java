package io.gantry.runner.sweep;

import io.gantry.runner.schedule.AshaSpec;
import io.gantry.runner.spec.SpecDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sweep:} block of a spec.
 *
 * <pre>
 * sweep:
 *   name: noise-x-optimizer          # parent run name (default: experiment name + "-sweep")
 *   grid:                            # Cartesian product; values may be whole component blocks
 *     noise: [{type: uniform}, {type: normal}]
 *     optimizer.generator.lr: [0.001, 0.0002]
 *   random:                          # sampled trials, reproducible from their own seed
 *     trials: 4
 *     seed: 7
 *     params:
 *       optimizer.discriminator.lr: {loguniform: [0.0001, 0.01]}
 *       training.batch_size: {choice: [32, 64]}
 *   repeats: 2                       # seeds per cell: seed, seed + 1, ...
 *   scheduler: {type: asha, metric: fcd, mode: min, min_steps: 500, eta: 3}   # stop bad trials early
 * </pre>
 *
 * @param scheduler early stopping, or null
 */
public record SweepSpec(String name, Map<String, List<Object>> grid, int randomTrials, long randomSeed,
                        Map<String, Distribution> random, int repeats, AshaSpec scheduler) {

    private static final Set<String> KEYS = Set.of("name", "grid", "random", "repeats", "scheduler");

    public boolean isEmpty() {
        return grid.isEmpty() && random.isEmpty() && repeats <= 1;
    }

    /** This sweep with a grid axis added or replaced (the command line's --sweep key=a,b). */
    public SweepSpec withAxis(String key, List<Object> values) {
        Map<String, List<Object>> g = new LinkedHashMap<>(grid);
        g.put(key, List.copyOf(values));
        return new SweepSpec(name, g, randomTrials, randomSeed, random, repeats, scheduler);
    }

    /** Reads the block (absent: an empty sweep); mistakes point at the file and line. */
    @SuppressWarnings("unchecked")
    public static SweepSpec from(SpecDocument doc) {
        Map<String, Object> block = doc.mapping("sweep");
        for (String key : block.keySet()) {
            if (!KEYS.contains(key)) {
                throw doc.error("sweep." + key, "unknown key; allowed: grid, random, repeats, name, scheduler");
            }
        }
        Object name = block.getOrDefault("name", "");
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        doc.mapping("sweep.grid").forEach((axis, values) -> {
            if (!(values instanceof List<?> list) || list.isEmpty()) {
                throw doc.error("sweep.grid." + axis, "expected a non-empty list of values, e.g. [0.001, 0.0002]");
            }
            grid.put(axis, List.copyOf((List<Object>) list));
        });
        Map<String, Object> randomBlock = doc.mapping("sweep.random");
        for (String key : randomBlock.keySet()) {
            if (!Set.of("trials", "seed", "params").contains(key)) {
                throw doc.error("sweep.random." + key, "unknown key; allowed: trials, seed, params");
            }
        }
        Map<String, Distribution> random = new LinkedHashMap<>();
        doc.mapping("sweep.random.params").forEach((key, def) -> random.put(key,
                Distribution.parse(def, message -> doc.error("sweep.random.params." + key, message))));
        int trials = positiveInt(doc, "sweep.random.trials", randomBlock.get("trials"), random.isEmpty() ? 0 : 1);
        if (!random.isEmpty() && trials < 1) {
            throw doc.error("sweep.random.trials", "must be >= 1");
        }
        long seed = randomBlock.get("seed") instanceof Number n ? n.longValue() : 0L;
        int repeats = positiveInt(doc, "sweep.repeats", block.get("repeats"), 1);
        return new SweepSpec(name.toString(), grid, trials, seed, random, repeats, AshaSpec.from(doc));
    }

    private static int positiveInt(SpecDocument doc, String key, Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer i) || i < 1) {
            throw doc.error(key, "expected a positive integer, got '" + value + "'");
        }
        return i;
    }
}

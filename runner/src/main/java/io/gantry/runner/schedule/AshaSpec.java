package io.gantry.runner.schedule;

import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's {@code scheduler:} block: asynchronous successive halving on a metric the trials log.
 *
 * <pre>
 * sweep:
 *   scheduler: {type: asha, metric: fcd, mode: min, min_steps: 500, eta: 3}
 * </pre>
 */
public record AshaSpec(String metric, boolean minimise, long minSteps, int eta) {
    private static final Set<String> KEYS = Set.of("type", "metric", "mode", "min_steps", "eta");
    /** Metrics whose better direction everyone agrees on, so {@code mode} may be left out. */
    /** The block at {@code sweep.scheduler}, or null when the sweep has none. */
    public static AshaSpec from(SpecDocument doc) {
        Map<String, Object> block = doc.mapping("sweep.scheduler");
        if (block.isEmpty()) {
            return null;
        }
        for (String key : block.keySet()) {
            if (!KEYS.contains(key)) {
                throw doc.error("sweep.scheduler." + key, "unknown key; allowed: type, metric, mode, min_steps, eta");
            }
        }
        if (!"asha".equals(block.get("type"))) {
            throw doc.error("sweep.scheduler.type", "expected 'asha' (asynchronous successive halving), got '"
                    + block.get("type") + "'");
        }
        if (!(block.get("metric") instanceof String metric) || metric.isBlank()) {
            throw doc.error("sweep.scheduler.metric", "name the metric that decides, e.g. fcd, classifier_score, "
                    + "d_loss");
        }
        Object mode = block.get("mode");
        boolean minimise;
        if (mode == null) {
            Boolean known = io.gantry.runner.spec.MetricDirection.minimised(metric).orElse(null);
            if (known == null) {
                throw doc.error("sweep.scheduler.mode", "say whether lower or higher '" + metric
                        + "' is better: mode: min or mode: max");
            }
            minimise = known;
        } else if ("min".equals(mode) || "max".equals(mode)) {
            minimise = "min".equals(mode);
        } else {
            throw doc.error("sweep.scheduler.mode", "expected min or max, got '" + mode + "'");
        }
        Object minSteps = block.get("min_steps");
        if (!whole(minSteps, 1, 1_000_000_000L)) {
            throw doc.error("sweep.scheduler.min_steps", "expected the first rung's step, a whole number from 1 to "
                    + "1000000000, got '" + minSteps + "'");
        }
        Object eta = block.getOrDefault("eta", 3);
        if (!whole(eta, 2, 100)) {
            throw doc.error("sweep.scheduler.eta", "expected a whole number from 2 to 100 (3: the best third of the "
                    + "trials at a rung go on), got '" + eta + "'");
        }
        return new AshaSpec(metric, minimise, ((Number) minSteps).longValue(), ((Number) eta).intValue());
    }

    private static boolean whole(Object value, long min, long max) {
        return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min
                && ((Number) value).longValue() <= max;
    }

    /** The steps at which trials report and are judged: min_steps * eta^k, below the budget. */
    public List<Long> rungs(long totalSteps) {
        List<Long> out = new ArrayList<>();
        for (long s = minSteps; s < totalSteps; s = Math.multiplyExact(s, eta)) {
            out.add(s);
        }
        return out;
    }

    /**
     * What makes this scheduler unusable for a trial, as {key, message}, or null: a quality metric
     * on a trial that does not evaluate, or no rung below a step budget.
     */
    public String[] problem(Experiment trial) {
        if (!AshaScheduler.LOSS_METRICS.contains(metric) && !trial.evaluates()) {
            return new String[] {"sweep.scheduler.metric", "'" + metric + "' is not a loss (d_loss, g_loss), so it "
                    + "comes from quality evaluation, which this trial does not run (evaluation.enabled, or a dataset "
                    + "without labels): decide on a loss, or turn evaluation on"};
        }
        java.util.Set<String> logged = new java.util.TreeSet<>(AshaScheduler.LOSS_METRICS);
        trial.metrics().forEach(m -> logged.addAll(m.component().metricNames()));
        if (!logged.contains(metric)) {
            return new String[] {"sweep.scheduler.metric", "'" + metric + "' is not a value this trial logs at a "
                    + "rung; it logs " + logged + " (add the quality metric that gives it to evaluation.metrics)"};
        }
        int steps = trial.spec().training().getInt("steps");
        if (steps > 0 && rungs(steps).isEmpty()) {
            return new String[] {"sweep.scheduler.min_steps", "the first rung, step " + minSteps
                    + ", is not below the trial's budget of " + steps + " steps: nothing would ever be stopped"};
        }
        return null;
    }

    public RungRule rule() {
        return new RungRule(eta, minimise);
    }

    public String mode() {
        return minimise ? "min" : "max";
    }
}

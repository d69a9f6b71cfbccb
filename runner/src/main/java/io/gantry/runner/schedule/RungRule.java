package io.gantry.runner.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Asynchronous successive halving's decision at one rung (Li et al. 2020): a trial goes on when its
 * value is among the best {@code max(1, floor(n / eta))} of the {@code n} values reported at the rung
 * so far, its own included; ties with the cutoff go on. The first trial at a rung always goes on, as
 * in Optuna's SuccessiveHalvingPruner: with nothing to compare against there is no reason to stop.
 */
public final class RungRule {
    private final int eta;
    private final boolean minimise;

    public RungRule(int eta, boolean minimise) {
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be >= 2, got " + eta);
        }
        this.eta = eta;
        this.minimise = minimise;
    }

    /** What was decided and on what: enough to explain the outcome afterwards. */
    public record Decision(boolean goOn, double value, double cutoff, int rank, int reported, int kept) {
        public String explain(String metric) {
            return String.format(Locale.ROOT, "%s: %s %.6g, rank %d of %d reported, best %d go on, cutoff %.6g",
                    goOn ? "go on" : "stop", metric, value, rank, reported, kept, cutoff);
        }
    }

    /**
     * @param value    this trial's value at the rung
     * @param reported every value reported at the rung so far, this trial's included (NaN: a diverged
     *                 trial, worse than any number)
     */
    public Decision decide(double value, List<Double> reported) {
        if (reported.isEmpty()) {
            throw new IllegalArgumentException("the trial's own value must be among those reported");
        }
        Comparator<Double> better = Comparator.comparingDouble(this::score);
        List<Double> sorted = new ArrayList<>(reported);
        sorted.sort(better);
        int kept = Math.max(1, sorted.size() / eta);
        double cutoff = sorted.get(kept - 1);
        int rank = 1 + (int) sorted.stream().filter(v -> score(v) < score(value)).count();
        boolean goOn = !Double.isNaN(value) && score(value) <= score(cutoff);
        return new Decision(goOn, value, cutoff, rank, sorted.size(), kept);
    }

    /** Lower is better; NaN last. */
    private double score(double v) {
        if (Double.isNaN(v)) {
            return Double.POSITIVE_INFINITY;
        }
        return minimise ? v : -v;
    }
}

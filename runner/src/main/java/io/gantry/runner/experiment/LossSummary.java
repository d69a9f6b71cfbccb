package io.gantry.runner.experiment;

import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import java.util.LinkedHashMap;
import java.util.Map;

/** Final and best (lowest) losses of a run, for the sweep table. */
final class LossSummary implements TrainingListener {
    private double finalD = Double.NaN;
    private double finalG = Double.NaN;
    private double bestD = Double.POSITIVE_INFINITY;
    private double bestG = Double.POSITIVE_INFINITY;
    private long steps;

    @Override
    public void stepCompleted(long step, int epoch, StepMetrics m) {
        steps = step;
        finalD = m.dLoss();
        finalG = m.gLoss();
        bestD = Math.min(bestD, m.dLoss());
        bestG = Math.min(bestG, m.gLoss());
    }

    /** The newest step's losses, under the names the run logs them by. */
    Map<String, Double> latest() {
        return steps == 0 ? Map.of() : Map.of("d_loss", finalD, "g_loss", finalG);
    }

    long steps() {
        return steps;
    }

    Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("final_d_loss", finalD);
        out.put("best_d_loss", steps == 0 ? Double.NaN : bestD);
        out.put("final_g_loss", finalG);
        out.put("best_g_loss", steps == 0 ? Double.NaN : bestG);
        return out;
    }
}

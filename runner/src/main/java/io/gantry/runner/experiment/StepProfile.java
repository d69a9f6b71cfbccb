package io.gantry.runner.experiment;

import io.gantry.engine.SampleBatch;
import io.gantry.engine.StepMetrics;
import io.gantry.engine.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where a run's step time goes, after a warm-up: data, D steps, G steps, tracking on the training
 * thread, and the rest (sample grids, checkpoints, progress). Every run logs it at its end; {@code
 * gantry bench} prints it. Must be the last listener, so a step's wall time runs from one
 * {@code stepCompleted} here to the next and covers everything the loop did in between.
 */
final class StepProfile implements TrainingListener {
    /** Steps not measured when the run does not say: JIT, allocator and oneDNN primitive caches warm up. */
    static final int DEFAULT_WARMUP_CAP = 50;

    private final Integer warmup;
    private final LongSupplier trackingWorkerCpuNanos;
    private long warmupSteps;
    private long lastStepEnd;
    private long trackingNanos;
    private long workerCpuAtStart = -1;
    private long measuredWallNanos;
    private long measuredImages;
    private final List<double[]> steps = new ArrayList<>();

    /**
     * @param warmup steps to leave out (null: a tenth of the run, at most {@link #DEFAULT_WARMUP_CAP})
     * @param trackingWorkerCpuNanos CPU time of the thread that writes tracking data (-1 if unknown)
     */
    StepProfile(Integer warmup, LongSupplier trackingWorkerCpuNanos) {
        this.warmup = warmup;
        this.trackingWorkerCpuNanos = trackingWorkerCpuNanos;
    }

    /** The tracking listener, with the time the training thread spends in it charged to tracking. */
    TrainingListener timing(TrainingListener tracking) {
        return new TrainingListener() {
            @Override
            public void stepCompleted(long step, int epoch, StepMetrics metrics) {
                long t0 = System.nanoTime();
                tracking.stepCompleted(step, epoch, metrics);
                trackingNanos += System.nanoTime() - t0;
            }

            @Override
            public void samplesGenerated(long step, SampleBatch samples) {
                long t0 = System.nanoTime();
                tracking.samplesGenerated(step, samples);
                trackingNanos += System.nanoTime() - t0;
            }
        };
    }

    @Override
    public void started(long totalSteps, int stepsPerEpoch) {
        warmupSteps = warmup != null ? warmup : Math.min(DEFAULT_WARMUP_CAP, totalSteps / 10);
    }

    @Override
    public void stepCompleted(long step, int epoch, StepMetrics m) {
        long now = System.nanoTime();
        if (lastStepEnd != 0 && step > warmupSteps) {
            long wall = now - lastStepEnd;
            measuredWallNanos += wall;
            measuredImages += m.images();
            steps.add(new double[] {wall / 1e6, m.dataMillis(), m.dMillis(), m.gMillis(), trackingNanos / 1e6});
        }
        if (step >= warmupSteps && workerCpuAtStart < 0) {
            workerCpuAtStart = trackingWorkerCpuNanos.getAsLong();
        }
        trackingNanos = 0;
        lastStepEnd = now;
    }

    /** Steps measured so far. */
    int measuredSteps() {
        return steps.size();
    }

    /**
     * Medians per step in ms (data, D, G, tracking, other = step minus those), the step's mean, 90th and
     * 99th percentile, images/s over the whole measured window, and the tracking shares; empty when no
     * step was measured.
     */
    Map<String, Double> summary() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (steps.isEmpty()) {
            return out;
        }
        double step = median(0);
        double tracking = median(4);
        out.put("profile.images_per_sec", measuredImages / (measuredWallNanos / 1e9));
        out.put("profile.step_ms", step);
        // Images/s counts every step, the median does not: a mean well above the median means stalls
        // (GC, thread wake-ups, a noisy neighbour), not a slower step.
        out.put("profile.step_mean_ms", measuredWallNanos / 1e6 / steps.size());
        out.put("profile.step_p90_ms", quantile(0, 0.90));
        out.put("profile.step_p99_ms", quantile(0, 0.99));
        out.put("profile.data_ms", median(1));
        out.put("profile.d_step_ms", median(2));
        out.put("profile.g_step_ms", median(3));
        out.put("profile.tracking_ms", tracking);
        out.put("profile.other_ms", Math.max(0, step - median(1) - median(2) - median(3) - tracking));
        out.put("profile.tracking_share", tracking / step);
        long workerCpu = trackingWorkerCpuNanos.getAsLong();
        if (workerCpuAtStart >= 0 && workerCpu >= 0) {
            // The writer thread runs beside training; on a machine with few cores its CPU is taken from it.
            out.put("profile.tracking_writer_cpu_share", (workerCpu - workerCpuAtStart) / (double) measuredWallNanos);
        }
        out.put("profile.measured_steps", (double) steps.size());
        return out;
    }

    private double median(int column) {
        double[] v = sorted(column);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The nearest-rank quantile: the smallest value with at least that share of steps at or below it. */
    private double quantile(int column, double q) {
        double[] v = sorted(column);
        return v[Math.max(0, (int) Math.ceil(q * v.length) - 1)];
    }

    private double[] sorted(int column) {
        double[] v = steps.stream().mapToDouble(s -> s[column]).toArray();
        Arrays.sort(v);
        return v;
    }
}

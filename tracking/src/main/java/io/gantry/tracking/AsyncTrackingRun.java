package io.gantry.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every call on a queue that one background thread drains into the real run, so training never
 * waits on disk or network. Metrics waiting in the queue are written in batches. A write that fails
 * is logged and counted, never thrown into the training thread.
 */
public final class AsyncTrackingRun implements TrackingRun {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncTrackingRun.class);
    private static final int MAX_METRICS_PER_BATCH = 1000; // MLflow's limit per request

    private final TrackingRun target;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Metric> pendingMetrics = new ArrayList<>();
    private final Thread worker;
    private volatile int failures;
    private volatile boolean ended;

    public AsyncTrackingRun(TrackingRun target) {
        this.target = target;
        this.worker = new Thread(this::drain, "gantry-tracking");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public String runId() {
        return target.runId();
    }

    @Override
    public String location() {
        return target.location();
    }

    @Override
    public void logParams(Map<String, String> params) {
        Map<String, String> copy = Map.copyOf(params);
        queue.add(() -> target.logParams(copy));
    }

    @Override
    public void setTags(Map<String, String> tags) {
        Map<String, String> copy = Map.copyOf(tags);
        queue.add(() -> target.setTags(copy));
    }

    @Override
    public void logMetrics(List<Metric> metrics) {
        List<Metric> copy = List.copyOf(metrics);
        queue.add(new MetricsTask(copy));
    }

    @Override
    public void logArtifact(String path, byte[] content) {
        queue.add(() -> target.logArtifact(path, content));
    }

    @Override
    public void logImage(String key, long step, byte[] png) {
        queue.add(() -> target.logImage(key, step, png));
    }

    /** Waits until everything queued is written, then ends the run. */
    @Override
    public void end(RunStatus status) {
        if (ended) {
            return;
        }
        ended = true;
        queue.add(() -> target.end(status));
        queue.add(STOP);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while flushing tracking; the run may be incomplete");
        }
        if (failures > 0) {
            LOG.warn("{} tracking writes failed; see the log above", failures);
        }
    }

    public int failures() {
        return failures;
    }

    private static final Runnable STOP = () -> {
    };

    private record MetricsTask(List<Metric> metrics) implements Runnable {
        @Override
        public void run() {
            throw new UnsupportedOperationException("batched by the worker");
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task instanceof MetricsTask m) {
                pendingMetrics.addAll(m.metrics());
                // Coalesce whatever metrics are already waiting into as few writes as possible.
                while (queue.peek() instanceof MetricsTask more && pendingMetrics.size() < MAX_METRICS_PER_BATCH) {
                    queue.poll();
                    pendingMetrics.addAll(more.metrics());
                }
                flushMetrics();
                continue;
            }
            if (task == STOP) {
                return;
            }
            safely(task);
        }
    }

    private void flushMetrics() {
        for (int i = 0; i < pendingMetrics.size(); i += MAX_METRICS_PER_BATCH) {
            List<Metric> batch = List.copyOf(pendingMetrics.subList(i, Math.min(pendingMetrics.size(),
                    i + MAX_METRICS_PER_BATCH)));
            safely(() -> target.logMetrics(batch));
        }
        pendingMetrics.clear();
    }

    private void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failures++;
            LOG.error("tracking write failed: {}", e.toString());
        }
    }
}

package io.gantry.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every write on a queue that one background thread delivers to the real run, so training
 * never waits on disk or network. Metrics waiting together go out in batches of up to 1000.
 *
 * <p>A retryable failure (server down) keeps the write at the head of the queue and retries with
 * backoff while training goes on; new writes keep queueing. At the end, what still cannot be
 * delivered after {@code endGrace} is replayed onto a fallback run (a local file store), whose
 * location {@link #fallbackLocation()} reports. A non-retryable failure is logged and counted.
 *
 * <p>The queue is bounded: beyond {@code maxQueued} writes, metrics are appended to a spill file on
 * disk and delivered from there once the queue has drained, so a long outage costs disk, not heap.
 */
public final class AsyncTrackingRun implements TrackingRun {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncTrackingRun.class);
    private static final int MAX_METRICS_PER_BATCH = 1000; // MLflow's limit per request

    private final TrackingRun target;
    private final Supplier<TrackingRun> fallback;
    private final Duration endGrace;
    private final Deque<TrackingOp> queue = new ArrayDeque<>();
    private final Thread worker;
    private volatile int failures;
    private volatile boolean ended;
    private volatile boolean stopping;
    private volatile String fallbackLocation;
    private volatile boolean outage;
    private final int maxQueued;
    private final MetricSpill spill;
    /**
     * The tag a live run refreshes: a run still RUNNING whose heartbeat is old was left by a process that
     * died without ending it (SIGKILL, a lost machine), which MLflow's own clients never notice.
     */
    public static final String HEARTBEAT_TAG = "gantry.heartbeat";
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(60);
    private final ScheduledExecutorService heartbeat;

    public AsyncTrackingRun(TrackingRun target) {
        this(target, null, Duration.ZERO);
    }

    /**
     * @param fallback where undelivered writes go at the end; null: they are dropped with a warning
     * @param endGrace how long {@link #end} keeps retrying an unreachable target
     */
    public AsyncTrackingRun(TrackingRun target, Supplier<TrackingRun> fallback, Duration endGrace) {
        this(target, fallback, endGrace, 50_000);
    }

    /** @param maxQueued writes held in memory before metrics spill to disk */
    public AsyncTrackingRun(TrackingRun target, Supplier<TrackingRun> fallback, Duration endGrace, int maxQueued) {
        this(target, fallback, endGrace, maxQueued, HEARTBEAT_EVERY);
    }

    /** @param heartbeatEvery how often the run is tagged as alive ({@link #HEARTBEAT_TAG}) until it ends */
    public AsyncTrackingRun(TrackingRun target, Supplier<TrackingRun> fallback, Duration endGrace, int maxQueued,
                            Duration heartbeatEvery) {
        this.maxQueued = maxQueued;
        this.spill = new MetricSpill(target.runId());
        this.target = target;
        this.fallback = fallback;
        this.endGrace = endGrace;
        this.worker = new Thread(this::drain, "gantry-tracking");
        worker.setDaemon(true);
        worker.start();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gantry-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // Straight to the store, not behind queued writes: a backlog after an outage must not make a live run look dead.
        heartbeat.scheduleAtFixedRate(this::beat, 0, heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS);
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
        offer(new TrackingOp.Params(Map.copyOf(params)));
    }

    @Override
    public void setTags(Map<String, String> tags) {
        offer(new TrackingOp.Tags(Map.copyOf(tags)));
    }

    @Override
    public void logMetrics(List<Metric> metrics) {
        offer(new TrackingOp.Metrics(List.copyOf(metrics)));
    }

    @Override
    public void logArtifact(String path, byte[] content) {
        offer(new TrackingOp.Artifact(path, content));
    }


    /** Waits until everything queued is delivered (or handed to the fallback), then ends the run. */
    @Override
    public void end(RunStatus status) {
        if (ended) {
            return;
        }
        ended = true;
        heartbeat.shutdownNow();
        offer(new TrackingOp.End(status));
        synchronized (queue) {
            stopping = true;
            queue.notifyAll();
        }
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

    /** Where undelivered writes went, or null when everything reached the target. */
    public String fallbackLocation() {
        return fallbackLocation;
    }

    /** CPU time the writer thread has used so far, ns; -1 where the JVM does not measure thread CPU time. */
    public long workerCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(worker.getId()) : -1;
    }

    /** Metrics written to disk because the queue was full (for tests and logs). */
    public long spilledMetrics() {
        return spill.spilledTotal();
    }

    private void beat() {
        try {
            target.setTags(Map.of(HEARTBEAT_TAG, Instant.now().toString()));
        } catch (RuntimeException unreachable) {
            // the next beat tries again; the queue's own retries report outages
        }
    }

    private void offer(TrackingOp op) {
        synchronized (queue) {
            if (op instanceof TrackingOp.Metrics m && queue.size() >= maxQueued) {
                spill.append(m.metrics());
            } else {
                queue.addLast(op);
            }
            queue.notifyAll();
        }
    }

    private void drain() {
        long backoffMillis = 250;
        long graceDeadline = Long.MAX_VALUE;
        while (true) {
            TrackingOp op;
            synchronized (queue) {
                // Spilled metrics go out once memory has drained, and always before the run ends.
                if ((queue.isEmpty() || queue.peekFirst() instanceof TrackingOp.End) && spill.hasPending()) {
                    List<Metric> back = spill.takeAll();
                    for (int i = back.size(); i > 0; i -= MAX_METRICS_PER_BATCH) {
                        queue.addFirst(new TrackingOp.Metrics(List.copyOf(back.subList(Math.max(0,
                                i - MAX_METRICS_PER_BATCH), i))));
                    }
                }
                while (queue.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (spill.hasPending()) {
                        break;
                    }
                }
                if (queue.isEmpty()) {
                    continue;
                }
                op = coalesce();
            }
            try {
                op.applyTo(target);
                synchronized (queue) {
                    queue.pollFirst();
                }
                if (outage) {
                    outage = false;
                    LOG.info("tracking server reachable again; delivering queued writes");
                }
                backoffMillis = 250;
                if (op instanceof TrackingOp.End) {
                    return;
                }
            } catch (TrackingWriteException e) {
                if (!e.retryable()) {
                    dropHead(e);
                    if (op instanceof TrackingOp.End) {
                        return;
                    }
                    continue;
                }
                if (!outage) {
                    outage = true;
                    LOG.warn("tracking unreachable ({}); training goes on, writes are queued and retried",
                            e.getMessage());
                }
                if (stopping && graceDeadline == Long.MAX_VALUE) {
                    graceDeadline = System.currentTimeMillis() + endGrace.toMillis();
                }
                if (stopping && System.currentTimeMillis() >= graceDeadline) {
                    handOverToFallback();
                    return;
                }
                sleep(backoffMillis);
                backoffMillis = Math.min(5000, backoffMillis * 2);
            } catch (RuntimeException e) {
                dropHead(e);
                if (op instanceof TrackingOp.End) {
                    return;
                }
            }
        }
    }

    /**
     * Merges consecutive metric writes at the head of the queue into one batch (up to MLflow's
     * limit) and returns the head. Called with the queue's lock held.
     */
    private TrackingOp coalesce() {
        TrackingOp head = queue.peekFirst();
        if (!(head instanceof TrackingOp.Metrics first) || first.metrics().size() >= MAX_METRICS_PER_BATCH) {
            return head;
        }
        List<Metric> merged = new ArrayList<>(first.metrics());
        queue.pollFirst();
        while (queue.peekFirst() instanceof TrackingOp.Metrics next
                && merged.size() + next.metrics().size() <= MAX_METRICS_PER_BATCH) {
            merged.addAll(next.metrics());
            queue.pollFirst();
        }
        TrackingOp batch = new TrackingOp.Metrics(List.copyOf(merged));
        queue.addFirst(batch);
        return batch;
    }

    private void dropHead(RuntimeException e) {
        synchronized (queue) {
            queue.pollFirst();
        }
        failures++;
        LOG.error("tracking write failed and was dropped: {}", e.getMessage());
    }

    private void handOverToFallback() {
        List<TrackingOp> rest = new ArrayList<>();
        synchronized (queue) {
            if (spill.hasPending()) {
                rest.add(new TrackingOp.Metrics(spill.takeAll()));
            }
            rest.addAll(queue);
            queue.clear();
        }
        if (fallback == null) {
            failures += rest.size();
            LOG.error("tracking still unreachable; {} writes could not be delivered", rest.size());
            return;
        }
        TrackingRun local = fallback.get();
        for (TrackingOp op : rest) {
            op.applyTo(local);
        }
        fallbackLocation = local.location();
        LOG.warn("tracking still unreachable after {} s: {} undelivered writes saved to {}", endGrace.toSeconds(),
                rest.size(), fallbackLocation);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.gantry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncTrackingRunTest {
    @TempDir
    Path tmp;

    /** A run whose backend is "down" while {@code down} is set: every write fails as retryable. */
    static final class FlakyRun implements TrackingRun {
        final AtomicBoolean down = new AtomicBoolean();
        final List<Metric> metrics = Collections.synchronizedList(new ArrayList<>());
        final List<String> artifacts = Collections.synchronizedList(new ArrayList<>());
        /** Fail this many artifact writes, each after the write happened halfway (a lost response). */
        volatile int failArtifacts;
        volatile RunStatus ended;

        private void check() {
            if (down.get()) {
                throw new TrackingWriteException("connection refused", true, null);
            }
        }

        @Override
        public String runId() {
            return "flaky";
        }

        @Override
        public String location() {
            return "memory";
        }

        @Override
        public void logParams(Map<String, String> params) {
            check();
        }

        @Override
        public void setTags(Map<String, String> tags) {
            check();
        }

        @Override
        public void logMetrics(List<Metric> m) {
            check();
            metrics.addAll(m);
        }

        @Override
        public void logArtifact(String path, byte[] content) {
            check();
            if (!artifacts.contains(path)) {
                artifacts.add(path);
            }
            if (failArtifacts > 0) {
                failArtifacts--;
                throw new TrackingWriteException("connection reset", true, null);
            }
        }


        @Override
        public void end(RunStatus status) {
            check();
            ended = status;
        }
    }

    @Test
    void outageQueuesAndSpillsToDiskThenDeliversEveryStep() throws Exception {
        FlakyRun target = new FlakyRun();
        AsyncTrackingRun run = new AsyncTrackingRun(target, null, Duration.ofSeconds(30), 100);
        target.down.set(true);
        for (int step = 1; step <= 5000; step++) {
            run.logMetrics(List.of(new Metric("d_loss", step, step, step)));
        }
        assertThat(run.spilledMetrics()).isGreaterThan(4000); // memory held only 100 writes
        target.down.set(false);
        run.end(RunStatus.FINISHED);
        assertThat(target.metrics).hasSize(5000);
        assertThat(target.metrics.stream().mapToLong(Metric::step).distinct().count()).isEqualTo(5000);
        assertThat(target.ended).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void anImageRetriedAfterAnOutageIsStoredOnceUnderOneName() {
        FlakyRun target = new FlakyRun();
        target.failArtifacts = 3;
        AsyncTrackingRun run = new AsyncTrackingRun(target, null, Duration.ofSeconds(30), 100);
        run.logImage("samples", 100, TestPng.grey(8, 8));
        run.end(RunStatus.FINISHED);
        assertThat(target.artifacts).hasSize(2);
        assertThat(target.artifacts.get(0)).startsWith("images/samples+step+100+").endsWith(".png");
        assertThat(target.artifacts.get(1)).endsWith("+compressed.webp");
    }

    @Test
    void whatNeverGetsThroughIsSavedToTheFallbackRun() {
        FlakyRun target = new FlakyRun();
        target.down.set(true);
        FileStoreTracker local = new FileStoreTracker(tmp.resolve("mlruns"));
        AsyncTrackingRun run = new AsyncTrackingRun(target, () -> local.startRun("e", "r (undelivered)", Map.of()),
                Duration.ofMillis(500), 10);
        for (int step = 1; step <= 50; step++) {
            run.logMetrics(List.of(new Metric("g_loss", step * 0.1, step, step)));
        }
        run.end(RunStatus.KILLED);
        assertThat(run.fallbackLocation()).startsWith(tmp.resolve("mlruns").toString());
        assertThat(Path.of(run.fallbackLocation()).resolve("metrics/g_loss")).content().hasLineCount(50);
        assertThat(Path.of(run.fallbackLocation()).resolve("meta.yaml")).content().contains("status: 5");
    }

    @Test
    void aLiveRunRefreshesItsHeartbeatUntilItEnds() throws Exception {
        FileStoreTracker store = new FileStoreTracker(tmp.resolve("mlruns"));
        TrackingRun target = store.startRun("e", "r", Map.of());
        AsyncTrackingRun run = new AsyncTrackingRun(target, null, Duration.ZERO, 100, Duration.ofMillis(50));
        Path tag = Path.of(target.location()).resolve("tags").resolve(AsyncTrackingRun.HEARTBEAT_TAG);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!java.nio.file.Files.exists(tag) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        java.time.Instant first = java.time.Instant.parse(java.nio.file.Files.readString(tag));
        Thread.sleep(300);
        java.time.Instant later = java.time.Instant.parse(java.nio.file.Files.readString(tag));
        assertThat(later).isAfter(first);
        run.end(RunStatus.FINISHED);
        String last = java.nio.file.Files.readString(tag);
        Thread.sleep(300);
        assertThat(java.nio.file.Files.readString(tag)).as("no beat after the end").isEqualTo(last);
        assertThat(store.runningRuns("e")).isEmpty();
    }
}

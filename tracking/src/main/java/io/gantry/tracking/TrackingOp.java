package io.gantry.tracking;

import java.util.List;
import java.util.Map;

/**
 * One write to a run, as data: it can be queued, retried, and replayed onto another run (the
 * local fallback) when a server never comes back.
 */
sealed interface TrackingOp {
    void applyTo(TrackingRun run);

    record Params(Map<String, String> params) implements TrackingOp {
        @Override
        public void applyTo(TrackingRun run) {
            run.logParams(params);
        }
    }

    record Tags(Map<String, String> tags) implements TrackingOp {
        @Override
        public void applyTo(TrackingRun run) {
            run.setTags(tags);
        }
    }

    record Metrics(List<Metric> metrics) implements TrackingOp {
        @Override
        public void applyTo(TrackingRun run) {
            run.logMetrics(metrics);
        }
    }

    record Artifact(String path, byte[] content) implements TrackingOp {
        @Override
        public void applyTo(TrackingRun run) {
            run.logArtifact(path, content);
        }
    }

    record End(RunStatus status) implements TrackingOp {
        @Override
        public void applyTo(TrackingRun run) {
            run.end(status);
        }
    }
}

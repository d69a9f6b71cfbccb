package io.gantry.runner.experiment;

import io.gantry.tracking.AsyncTrackingRun;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.Tracker;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the runs a dead process left RUNNING (killed with SIGKILL, its machine lost) and marks them
 * FAILED, saying so: a Gantry run refreshes {@link AsyncTrackingRun#HEARTBEAT_TAG} every minute, so one
 * whose heartbeat is older than {@link #staleAfter()} has nobody training it. Runs without a heartbeat
 * (another tool's) are left alone. Done when a run starts in the same experiment.
 */
public final class StaleRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);
    /** Seconds without a heartbeat after which a RUNNING run is dead; default 600 (ten missed beats). */
    public static final String STALE_AFTER_ENV = "GANTRY_RUN_STALE_AFTER";

    private StaleRuns() {
    }

    /** Seconds between a run's heartbeats; default 60. Lower only to test. */
    public static final String HEARTBEAT_ENV = "GANTRY_HEARTBEAT_EVERY";

    public static Duration heartbeatEvery() {
        return seconds(HEARTBEAT_ENV, 60);
    }

    static Duration staleAfter() {
        Duration after = seconds(STALE_AFTER_ENV, 600);
        Duration beat = heartbeatEvery();
        if (after.compareTo(beat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException(STALE_AFTER_ENV + "=" + after.toSeconds() + " is under three heartbeats ("
                    + HEARTBEAT_ENV + "=" + beat.toSeconds() + " s): live runs would be marked dead; set it to at least "
                    + beat.multipliedBy(3).toSeconds());
        }
        return after;
    }

    private static Duration seconds(String name, long fallback) {
        String env = System.getenv(name);
        try {
            long s = env == null || env.isBlank() ? fallback : Long.parseLong(env.strip());
            if (s < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + env + ": expected a whole number of seconds >= 1, e.g. "
                    + fallback);
        }
    }

    /** Marks the experiment's dead runs FAILED; their ids. A problem reading the store only warns: the new run goes on. */
    public static List<String> markDead(Tracker tracker, String experiment) {
        Duration after = staleAfter();
        List<String> marked = new ArrayList<>();
        try {
            Instant now = Instant.now();
            tracker.runningRuns(experiment).forEach((runId, tags) -> {
                Instant beat = heartbeat(tags.get(AsyncTrackingRun.HEARTBEAT_TAG));
                if (beat == null || Duration.between(beat, now).compareTo(after) <= 0) {
                    return;
                }
                Map<String, String> why = new LinkedHashMap<>();
                why.put("gantry.error", "no heartbeat since " + beat + " (over " + after.toSeconds() + " s before "
                        + now + "): the process training it ended without ending the run (killed, or its machine "
                        + "lost); marked FAILED by gantry on " + host());
                why.put("gantry.marked_dead_at", now.toString());
                tracker.setTagsNow(runId, why);
                tracker.endRunNow(runId, RunStatus.FAILED);
                marked.add(runId);
                LOG.warn("run {} was left RUNNING with its last heartbeat at {}: marked FAILED", runId, beat);
            });
        } catch (RuntimeException e) {
            LOG.warn("could not look for runs left RUNNING in '{}': {}", experiment, e.getMessage());
        }
        return marked;
    }

    private static Instant heartbeat(String value) {
        try {
            return value == null ? null : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this machine";
        }
    }
}

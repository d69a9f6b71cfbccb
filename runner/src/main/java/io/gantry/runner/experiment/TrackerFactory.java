package io.gantry.runner.experiment;

import io.gantry.tracking.AsyncTrackingRun;
import io.gantry.tracking.FileStoreTracker;
import io.gantry.tracking.MlflowServerTracker;
import io.gantry.tracking.ServerCredentials;
import io.gantry.tracking.TrackingRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import io.gantry.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.gantry.tracking.TrackingUnavailableException;

/**
 * Chooses where runs go. Precedence: --tracking-uri, then the spec's tracking.uri, then
 * MLFLOW_TRACKING_URI, then ./mlruns.
 */
public final class TrackerFactory {
    /** Writes held in memory before metrics spill to disk (AsyncTrackingRun's default). */
    private static final int QUEUED = 50_000;

    private TrackerFactory() {
    }

    public static String chooseUri(String cliUri, String specUri, String envUri) {
        for (String u : new String[] {cliUri, specUri, envUri}) {
            if (u != null && !u.isBlank()) {
                return u;
            }
        }
        return "./mlruns";
    }

    public static Tracker create(String uri) {
        if (isServer(uri)) {
            return new MlflowServerTracker(uri, ServerCredentials.fromEnvironment(System.getenv()));
        }
        Matcher scheme = SCHEME.matcher(uri);
        if (scheme.find() && !scheme.group(1).equalsIgnoreCase("file")) {
            throw new TrackingUnavailableException("tracking URI '" + uri + "': unknown scheme '" + scheme.group(1)
                    + "'; use http(s)://host:port for an MLflow server, or a folder (a path, or file:/path)", null);
        }
        String path = uri.replaceFirst("^file:(//)?", "");
        Path folder = Path.of(path).toAbsolutePath();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new TrackingUnavailableException("tracking URI '" + uri + "': " + existing + " is a file, not a "
                    + "folder; choose another --tracking-uri (a folder for MLflow's file store)", null);
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new TrackingUnavailableException("tracking URI '" + uri + "': cannot write in " + existing
                    + " (permission denied); choose a folder you can write, e.g. --tracking-uri ./mlruns", null);
        }
        return new FileStoreTracker(Path.of(path));
    }

    /** A URI scheme: two or more letters before a colon (one letter would be a drive, not a scheme). */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    public static boolean isServer(String uri) {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }

    /**
     * Starts a run that never blocks training. On a server, writes that cannot be delivered by the
     * end (after a minute of retries) go to a run in the local file store ./mlruns, tagged with the
     * server run they belong to.
     */
    public static AsyncTrackingRun startRun(Tracker tracker, String experiment, String runName, Map<String, String> tags) {
        return wrap(tracker, tracker.startRun(experiment, runName, tags), experiment, runName, tags);
    }

    /** The asynchronous, outage-tolerant wrapper around a run already started (or reopened). */
    public static AsyncTrackingRun wrap(Tracker tracker, TrackingRun run, String experiment, String runName,
                                        Map<String, String> tags) {
        if (!(tracker instanceof MlflowServerTracker)) {
            return new AsyncTrackingRun(run, null, Duration.ZERO, QUEUED, StaleRuns.heartbeatEvery());
        }
        return new AsyncTrackingRun(run, () -> {
            Map<String, String> local = new LinkedHashMap<>(tags);
            local.put("gantry.undelivered_from", tracker.describe() + " run " + run.runId());
            return new FileStoreTracker(Path.of("mlruns")).startRun(experiment, runName + " (undelivered)", local);
        }, Duration.ofSeconds(60), QUEUED, StaleRuns.heartbeatEvery());
    }
}

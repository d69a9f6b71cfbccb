package io.gantry.runner.experiment;

import io.gantry.tracking.FileStoreTracker;
import io.gantry.tracking.Tracker;
import java.nio.file.Path;

/**
 * Chooses where runs go. Precedence: --tracking-uri, then the spec's tracking.uri, then
 * MLFLOW_TRACKING_URI, then ./mlruns.
 */
public final class TrackerFactory {
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
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            throw new IllegalArgumentException("tracking URI " + uri + ": logging to an MLflow server is not in "
                    + "this build yet; use a folder (the MLflow file store), e.g. --tracking-uri ./mlruns");
        }
        String path = uri.startsWith("file://") ? uri.substring("file://".length()) : uri;
        return new FileStoreTracker(Path.of(path));
    }
}

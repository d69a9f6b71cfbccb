package io.gantry.runner.cli;

import io.gantry.runner.experiment.TrackerFactory;
import io.gantry.tracking.Tracker;
import picocli.CommandLine.Option;

/** {@code --tracking-uri} for commands that read runs already recorded. */
final class TrackingUriOption {
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Where the runs are: an MLflow server's http(s) address or a file store folder "
                    + "(default: $MLFLOW_TRACKING_URI, then ./mlruns).")
    String trackingUri;

    Tracker tracker() {
        return TrackerFactory.create(TrackerFactory.chooseUri(trackingUri, null, System.getenv("MLFLOW_TRACKING_URI")));
    }
}

package io.gantry.runner.cli;

import io.gantry.runner.experiment.TrackerFactory;
import io.gantry.runner.launch.Launcher;
import io.gantry.runner.launch.SweepSubmitter;
import io.gantry.runner.sweep.SweepStatus;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.RunSummary;
import io.gantry.tracking.Tracker;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry sweep status|cancel PARENT_RUN_ID}: a sweep's trials, wherever they run. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Look at or cancel a sweep.",
        subcommands = {SweepCommand.Status.class, SweepCommand.Cancel.class})
final class SweepCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose: sweep status or sweep cancel");
    }

    /** The parent run id and where it is recorded. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "PARENT_RUN_ID", description = "The sweep's parent run.")
        String parentRunId;

        @Option(names = "--tracking-uri", paramLabel = "URI",
                description = "Where the sweep's runs are (default: $MLFLOW_TRACKING_URI, then ./mlruns).")
        String trackingUri;

        Tracker tracker() {
            return TrackerFactory.create(TrackerFactory.chooseUri(trackingUri, null, System.getenv("MLFLOW_TRACKING_URI")));
        }

        /** The parent run as stored now; a run that is not a sweep's parent is a one-line error. */
        RunSummary parent(Tracker tracker) {
            RunSummary parent = tracker.runSummary(parentRunId);
            if (!"true".equals(parent.tags().get("gantry.sweep"))) {
                throw new IllegalArgumentException("run " + parentRunId + " is not the parent run of a sweep (no "
                        + "gantry.sweep tag); pass the id that gantry run printed as 'parent run'");
            }
            return parent;
        }

        static Launcher launcherOf(RunSummary parent) {
            String type = parent.tags().getOrDefault("gantry.sweep.launcher", "local");
            return "local".equals(type) ? null : SweepSubmitter.launcher(type);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "One table of the sweep's trials: MLflow status, the engine's state, last step, metrics.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() {
            Tracker tracker = target.tracker();
            RunSummary parent = target.parent(tracker);
            Launcher launcher = Target.launcherOf(parent);
            Map<Integer, String> states = launcher == null ? Map.of() : launcher.states(parent.tags());
            System.out.print(SweepStatus.text(tracker, parent,
                    launcher == null ? "" : launcher.engine().toLowerCase(java.util.Locale.ROOT), states));
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Stop the sweep's trials in their engine (scancel, kubectl delete job) and end its parent run KILLED.")
    static final class Cancel implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() {
            Tracker tracker = target.tracker();
            RunSummary parent = target.parent(tracker);
            Launcher launcher = Target.launcherOf(parent);
            if (launcher == null) {
                throw new IllegalArgumentException("sweep " + parent.runId() + " runs in the JVM that started it: "
                        + "press Ctrl-C there");
            }
            System.out.println(launcher.cancel(parent.tags()));
            tracker.setTagsNow(parent.runId(), Map.of("gantry.sweep.cancelled_at",
                    Long.toString(System.currentTimeMillis())));
            tracker.endRunNow(parent.runId(), RunStatus.KILLED);
            System.out.println("parent run " + parent.runId() + " KILLED");
            return 0;
        }
    }
}

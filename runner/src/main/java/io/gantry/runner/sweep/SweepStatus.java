package io.gantry.runner.sweep;

import io.gantry.tracking.RunStatus;
import io.gantry.tracking.RunSummary;
import io.gantry.tracking.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A sweep's trials as the tracking store holds them now, wherever they run: what {@code gantry sweep status} prints. */
public final class SweepStatus {

    private SweepStatus() {
    }

    /**
     * @param engineName the column of {@code engineStates} ("slurm"), shown only when it has states
     */
    public static String text(Tracker tracker, RunSummary parent, String engineName, Map<Integer, String> engineStates) {
        List<RunSummary> children = tracker.childRuns(parent.runId());
        List<SweepRunner.Row> rows = SweepTable.fromStore(children, labels(parent, children));
        StringBuilder sb = new StringBuilder(SweepTable.text(rows, engineName, engineStates));
        long finished = rows.stream().filter(r -> r.outcome().status() == RunStatus.FINISHED).count();
        long running = rows.stream().filter(r -> r.outcome().status() == RunStatus.RUNNING).count();
        long notStarted = rows.stream().filter(r -> r.outcome().status() == null).count();
        sb.append(String.format("sweep %s: %s; %d trials: %d finished, %d running, %d not started, %d failed or "
                        + "killed%n", parent.runName(), parent.status(), rows.size(), finished, running, notStarted,
                rows.size() - finished - running - notStarted));
        return sb.toString();
    }

    /** The trials' labels from the sweep folder when it is readable here, else from the runs' names. */
    private static List<String> labels(RunSummary parent, List<RunSummary> children) {
        String folder = parent.tags().get("gantry.sweep.folder");
        if (folder != null) {
            try {
                return new SweepFolder(Path.of(folder)).manifest().labels();
            } catch (RuntimeException notHere) {
                // on another machine's filesystem: fall back to what the store says
            }
        }
        int n = 0;
        try {
            n = Integer.parseInt(parent.tags().getOrDefault("gantry.sweep.trials", "0"));
        } catch (NumberFormatException ignored) {
            // not recorded
        }
        for (RunSummary c : children) {
            try {
                n = Math.max(n, Integer.parseInt(c.tags().getOrDefault("gantry.trial", "0")));
            } catch (NumberFormatException ignored) {
                // not a trial
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String label = "trial-" + i;
            for (RunSummary c : children) {
                if (Integer.toString(i).equals(c.tags().get("gantry.trial")) && c.runName() != null) {
                    label = c.runName();
                }
            }
            labels.add(label);
        }
        return labels;
    }
}

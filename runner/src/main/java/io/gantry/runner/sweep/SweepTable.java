package io.gantry.runner.sweep;

import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.sweep.SweepRunner.Row;
import io.gantry.tracking.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The end-of-sweep table: one row per trial, for the terminal and as CSV. */
final class SweepTable {
    private static final List<String> LOSSES = List.of("final_d_loss", "best_d_loss", "final_g_loss", "best_g_loss");
    /** Quality metrics of the trials' last evaluations: a column each when any trial has it. */
    private static final List<String> QUALITY = List.of("fcd", "classifier_score", "classes_covered", "class_kl",
            "precision", "recall");

    private SweepTable() {
    }

    /** Steps trained against steps budgeted, and trials stopped early: the parent run's tags. */
    static Map<String, String> stepTotals(List<Row> rows) {
        long trained = 0;
        long budget = 0;
        long stopped = 0;
        for (Row r : rows) {
            Double b = r.outcome().summary().get("budget_steps");
            if (b == null) {
                continue; // a trial that failed before training has no budget to compare with
            }
            trained += r.outcome().steps();
            budget += b.longValue();
            stopped += r.outcome().summary().containsKey("stopped_at_step") ? 1 : 0;
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("gantry.sweep.steps_trained", Long.toString(trained));
        out.put("gantry.sweep.steps_budget", Long.toString(budget));
        out.put("gantry.sweep.stopped_early", Long.toString(stopped));
        return out;
    }

    /**
     * The rows of a sweep as the tracking store holds it: per trial index the newest child run with that
     * {@code gantry.trial} tag; a trial with none yet has no run id and no status.
     */
    static List<Row> fromStore(List<RunSummary> children, List<String> labels) {
        Map<Integer, RunSummary> byIndex = new java.util.TreeMap<>();
        for (RunSummary c : children) {
            try {
                int index = Integer.parseInt(c.tags().getOrDefault("gantry.trial", ""));
                RunSummary seen = byIndex.get(index);
                if (seen == null || started(c) >= started(seen)) {
                    byIndex.put(index, c);
                }
            } catch (NumberFormatException notATrial) {
                // a child run someone else made under the parent
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= labels.size(); i++) {
            RunSummary c = byIndex.get(i);
            Trial trial = new Trial(i, labels.get(i - 1), Map.of(), null);
            if (c == null) {
                rows.add(new Row(trial, new RunOutcome(null, null, "", 0, null, Map.of())));
                continue;
            }
            Map<String, Double> summary = new LinkedHashMap<>(c.metrics());
            // the newest losses are the final ones; the best over a run lives only in the trial's process
            if (c.metrics().containsKey("d_loss")) {
                summary.put("final_d_loss", c.metrics().get("d_loss"));
            }
            if (c.metrics().containsKey("g_loss")) {
                summary.put("final_g_loss", c.metrics().get("g_loss"));
            }
            number(c.tags().get("gantry.budget_steps")).ifPresent(v -> summary.put("budget_steps", v));
            number(c.tags().get("gantry.asha.stopped_at_step")).ifPresent(v -> summary.put("stopped_at_step", v));
            rows.add(new Row(trial, new RunOutcome(c.runId(), c.status(), "", c.lastStep(),
                    c.tags().get("gantry.error"), summary)));
        }
        return rows;
    }

    private static long started(RunSummary run) {
        return number(run.tags().get("gantry.trial.started_at")).orElse(0.0).longValue();
    }

    private static java.util.Optional<Double> number(String text) {
        try {
            return text == null ? java.util.Optional.empty() : java.util.Optional.of(Double.valueOf(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static String text(List<Row> rows) {
        return text(rows, "", Map.of());
    }

    /**
     * The table, with a column {@code engineName} of each trial's state in the engine that runs it
     * (Slurm's, from squeue) when {@code engineStates} is not empty.
     */
    static String text(List<Row> rows, String engineName, Map<Integer, String> engineStates) {
        List<List<String>> cells = cells(rows, engineName, engineStates);
        int[] widths = new int[cells.get(0).size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                sb.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            sb.append('\n');
        }
        Map<String, String> totals = stepTotals(rows);
        long stopped = Long.parseLong(totals.get("gantry.sweep.stopped_early"));
        if (stopped > 0) {
            long trained = Long.parseLong(totals.get("gantry.sweep.steps_trained"));
            long budget = Long.parseLong(totals.get("gantry.sweep.steps_budget"));
            sb.append(String.format(Locale.ROOT, "%d trials stopped early; steps trained %d of %d budgeted (%.0f%% "
                    + "saved)%n", stopped, trained, budget, budget == 0 ? 0 : 100.0 * (budget - trained) / budget));
        }
        return sb.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : cells(rows, "", Map.of())) {
            sb.append(String.join(",", row.stream().map(SweepTable::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    private static List<List<String>> cells(List<Row> rows, String engineName, Map<Integer, String> engineStates) {
        List<List<String>> out = new ArrayList<>();
        List<String> metrics = new ArrayList<>(LOSSES);
        QUALITY.stream().filter(m -> rows.stream().anyMatch(r -> r.outcome().summary().containsKey(m)))
                .forEach(metrics::add);
        List<String> header = new ArrayList<>(List.of("trial", "values"));
        header.addAll(metrics);
        boolean scheduled = rows.stream().anyMatch(r -> r.outcome().summary().containsKey("stopped_at_step"));
        header.addAll(scheduled ? List.of("steps", "stopped_at", "status") : List.of("steps", "status"));
        if (!engineStates.isEmpty()) {
            header.add(engineName);
        }
        header.add("run_id");
        out.add(header);
        for (Row r : rows) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.trial().index()), r.trial().label()));
            for (String m : metrics) {
                Double v = r.outcome().summary().get(m);
                row.add(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            row.add(Long.toString(r.outcome().steps()));
            if (scheduled) {
                Double at = r.outcome().summary().get("stopped_at_step");
                row.add(at == null ? "" : Long.toString(at.longValue()));
            }
            row.add(r.outcome().status() == null ? "NOT STARTED" : r.outcome().status().name());
            if (!engineStates.isEmpty()) {
                row.add(engineStates.getOrDefault(r.trial().index(), "-"));
            }
            row.add(r.outcome().runId() == null ? "" : r.outcome().runId());
            out.add(row);
        }
        return out;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

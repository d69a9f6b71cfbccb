package io.gantry.runner.sweep;

import io.gantry.runner.sweep.SweepRunner.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-of-sweep table: one row per trial, for the terminal and as CSV. */
final class SweepTable {
    private static final List<String> LOSSES = List.of("final_d_loss", "best_d_loss", "final_g_loss", "best_g_loss");
    /** Quality metrics of the trials' last evaluations: a column each when any trial has it. */
    private static final List<String> QUALITY = List.of("fcd", "classifier_score", "classes_covered", "class_kl",
            "precision", "recall");

    private SweepTable() {
    }

    static String text(List<Row> rows) {
        List<List<String>> cells = cells(rows);
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
        return sb.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : cells(rows)) {
            sb.append(String.join(",", row.stream().map(SweepTable::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    private static List<List<String>> cells(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        List<String> metrics = new ArrayList<>(LOSSES);
        QUALITY.stream().filter(m -> rows.stream().anyMatch(r -> r.outcome().summary().containsKey(m)))
                .forEach(metrics::add);
        List<String> header = new ArrayList<>(List.of("trial", "values"));
        header.addAll(metrics);
        header.addAll(List.of("steps", "status", "run_id"));
        out.add(header);
        for (Row r : rows) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.trial().index()), r.trial().label()));
            for (String m : metrics) {
                Double v = r.outcome().summary().get(m);
                row.add(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            row.add(Long.toString(r.outcome().steps()));
            row.add(r.outcome().status().name());
            row.add(r.outcome().runId() == null ? "" : r.outcome().runId());
            out.add(row);
        }
        return out;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

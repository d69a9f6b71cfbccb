package io.gantry.tracking;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics that did not fit in memory while the tracking backend was away: appended to a temporary
 * file, one per line, and read back in one piece when the backend has caught up.
 */
final class MetricSpill {
    private final String name;
    private Path file;
    private BufferedWriter writer;
    private long pending;
    private long total;

    MetricSpill(String runId) {
        this.name = "gantry-spill-" + runId;
    }

    synchronized void append(List<Metric> metrics) {
        try {
            if (writer == null) {
                file = Files.createTempFile(name, ".tsv");
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            for (Metric m : metrics) {
                writer.write(m.key() + "\t" + m.value() + "\t" + m.step() + "\t" + m.timestamp() + "\n");
            }
            pending += metrics.size();
            total += metrics.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill metrics to " + file, e);
        }
    }

    synchronized boolean hasPending() {
        return pending > 0;
    }

    synchronized long spilledTotal() {
        return total;
    }

    /** Everything spilled so far; the file is removed. */
    synchronized List<Metric> takeAll() {
        if (pending == 0) {
            return List.of();
        }
        try {
            writer.close();
            List<Metric> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                out.add(new Metric(f[0], Double.parseDouble(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
            }
            Files.deleteIfExists(file);
            writer = null;
            file = null;
            pending = 0;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spilled metrics from " + file, e);
        }
    }
}

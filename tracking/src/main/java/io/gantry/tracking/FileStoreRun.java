package io.gantry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run directory of the file store. Metric files are appended, one line per value. */
final class FileStoreRun implements TrackingRun {
    private final Path dir;
    private final String experimentId;
    private final String runId;
    private final String runName;
    private final long startTime;

    FileStoreRun(Path dir, String experimentId, String runId, String runName, long startTime) {
        this.dir = dir;
        this.experimentId = experimentId;
        this.runId = runId;
        this.runName = runName;
        this.startTime = startTime;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public void logParams(Map<String, String> params) {
        params.forEach((k, v) -> write(dir.resolve("params").resolve(safeKey(k)), v));
    }

    @Override
    public void setTags(Map<String, String> tags) {
        tags.forEach((k, v) -> write(dir.resolve("tags").resolve(safeKey(k)), v));
    }

    @Override
    public void logMetrics(List<Metric> metrics) {
        Map<String, StringBuilder> byKey = new HashMap<>();
        for (Metric m : metrics) {
            byKey.computeIfAbsent(m.key(), k -> new StringBuilder())
                    .append(m.timestamp()).append(' ').append(formatValue(m.value())).append(' ')
                    .append(m.step()).append('\n');
        }
        byKey.forEach((key, lines) -> {
            try {
                Files.writeString(dir.resolve("metrics").resolve(safeKey(key)), lines, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void logArtifact(String path, byte[] content) {
        Path target = dir.resolve("artifacts").resolve(path).normalize();
        if (!target.startsWith(dir.resolve("artifacts"))) {
            throw new IllegalArgumentException("artifact path escapes the run: " + path);
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Override
    public void end(RunStatus status) {
        writeMeta(status, System.currentTimeMillis());
    }

    void writeMeta(RunStatus status, Long endTime) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_uri", dir.resolve("artifacts").toUri().toString().replaceAll("/$", ""));
        meta.put("end_time", endTime);
        meta.put("entry_point_name", "");
        meta.put("experiment_id", experimentId);
        meta.put("lifecycle_stage", "active");
        meta.put("run_id", runId);
        meta.put("run_name", runName);
        meta.put("run_uuid", runId);
        meta.put("source_name", "");
        meta.put("source_type", 4);
        meta.put("source_version", "");
        meta.put("start_time", startTime);
        meta.put("status", status.code());
        meta.put("tags", List.of());
        meta.put("user_id", System.getProperty("user.name", "unknown"));
        write(dir.resolve("meta.yaml"), SimpleYaml.write(meta));
    }

    private static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** MLflow keys may contain '/', which the file store turns into folders; we do the same. */
    private static String safeKey(String key) {
        if (key.contains("..") || key.startsWith("/")) {
            throw new IllegalArgumentException("invalid key: " + key);
        }
        return key;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.gantry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes MLflow's file-store layout ({@code mlruns/<experiment>/<run>/meta.yaml, params/, metrics/,
 * tags/, artifacts/}), which {@code mlflow ui --backend-store-uri ./mlruns} and
 * {@code MlflowClient(tracking_uri="./mlruns")} read without a server.
 */
public final class FileStoreTracker implements Tracker {
    /** Tells MLflow 3's UI to show the experiment as model training (runs, charts), not GenAI traces. */
    static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";
    static final String EXPERIMENT_KIND = "custom_model_development";
    private final Path root;

    public FileStoreTracker(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String uri() {
        return root.toString();
    }

    @Override
    public String describe() {
        return "MLflow file store " + root;
    }

    @Override
    public synchronized TrackingRun startRun(String experimentName, String runName, Map<String, String> tags) {
        try {
            Files.createDirectories(root);
            String experimentId = findOrCreateExperiment(experimentName);
            String runId = UUID.randomUUID().toString().replace("-", "");
            Path runDir = root.resolve(experimentId).resolve(runId);
            for (String sub : new String[] {"params", "metrics", "tags", "artifacts"}) {
                Files.createDirectories(runDir.resolve(sub));
            }
            FileStoreRun run = new FileStoreRun(runDir, experimentId, runId, runName, System.currentTimeMillis());
            run.writeMeta(RunStatus.RUNNING, null);
            Map<String, String> all = new LinkedHashMap<>(tags);
            all.put("mlflow.runName", runName);
            all.putIfAbsent("mlflow.user", System.getProperty("user.name", "unknown"));
            run.setTags(all);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run under " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized ReopenedRun reopenRun(String runId) {
        FileStoreRun run = existingRun(runId);
        run.writeMeta(RunStatus.RUNNING, null);
        try {
            return new ReopenedRun(run, latestMetrics(Path.of(run.location()).resolve("metrics"), new TreeMap<>()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TrackingRun attachRun(String runId) {
        return existingRun(runId);
    }

    @Override
    public RunSummary runSummary(String runId) {
        try {
            return summary(runDir(runId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run " + runId + " in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setTagsNow(String runId, Map<String, String> tags) {
        existingRun(runId).setTags(tags);
    }

    @Override
    public Optional<byte[]> readArtifact(String runId, String path) {
        Optional<Path> file = artifactFile(runId, path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasArtifact(String runId, String path) {
        return artifactFile(runId, path).isPresent();
    }

    /** The file of a run's artifact; empty when there is none, or when the path leads out of the artifacts. */
    private Optional<Path> artifactFile(String runId, String path) {
        Path artifacts = runDir(runId).resolve("artifacts");
        Path file = artifacts.resolve(path).normalize();
        return file.startsWith(artifacts) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public ModelVersion registerModel(String name, String runId, String artifactFolder) {
        Path folder = runDir(runId).resolve("artifacts").resolve(artifactFolder);
        return new FileStoreModelRegistry(root).register(name, runId, folder.toUri().toString().replaceAll("/$", ""));
    }

    @Override
    public ModelVersion modelVersion(String name, String version) {
        return new FileStoreModelRegistry(root).version(name, version);
    }

    private FileStoreRun existingRun(String runId) {
        Path runDir = runDir(runId);
        try {
            Map<String, String> meta = SimpleYaml.read(runDir.resolve("meta.yaml"));
            return new FileStoreRun(runDir, meta.get("experiment_id"), runId, meta.get("run_name"),
                    Long.parseLong(meta.get("start_time")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<RunSummary> childRuns(String parentRunId) {
        Path experiment = runDir(parentRunId).getParent();
        List<RunSummary> children = new ArrayList<>();
        try (Stream<Path> runs = Files.list(experiment)) {
            for (Path run : runs.filter(d -> Files.isRegularFile(d.resolve("tags/mlflow.parentRunId"))).sorted()
                    .toList()) {
                if (!parentRunId.equals(Files.readString(run.resolve("tags/mlflow.parentRunId")).strip())) {
                    continue;
                }
                if (!"deleted".equals(SimpleYaml.read(run.resolve("meta.yaml")).get("lifecycle_stage"))) {
                    children.add(summary(run));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runs of " + experiment + ": " + e.getMessage(), e);
        }
        return children;
    }

    private static RunSummary summary(Path run) throws IOException {
        Map<String, String> meta = SimpleYaml.read(run.resolve("meta.yaml"));
        Map<String, Double> metrics = new TreeMap<>();
        long lastStep = latestMetrics(run.resolve("metrics"), metrics);
        return new RunSummary(run.getFileName().toString(), meta.get("run_name"),
                RunStatus.ofCode(Integer.parseInt(meta.getOrDefault("status", "1"))),
                Files.isDirectory(run.resolve("tags")) ? tags(run.resolve("tags")) : new TreeMap<>(), metrics, lastStep);
    }

    /** Puts each metric's newest value (the last line of its file) into {@code out}; returns the highest step logged. */
    private static long latestMetrics(Path metrics, Map<String, Double> out) throws IOException {
        long last = 0;
        if (!Files.isDirectory(metrics)) {
            return last;
        }
        try (Stream<Path> files = Files.walk(metrics)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 3) {
                        out.put(metrics.relativize(f).toString(), Double.parseDouble(parts[1]));
                        last = Math.max(last, Long.parseLong(parts[2]));
                    }
                }
            }
        }
        return last;
    }

    @Override
    public Map<String, Map<String, String>> runningRuns(String experimentName) {
        Map<String, Map<String, String>> running = new TreeMap<>();
        try {
            Path experiment = findExperiment(experimentName);
            if (experiment == null) {
                return running;
            }
            try (Stream<Path> runs = Files.list(experiment)) {
                for (Path run : runs.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                    Map<String, String> meta;
                    try {
                        meta = SimpleYaml.read(run.resolve("meta.yaml"));
                    } catch (IOException | RuntimeException unreadable) {
                        continue; // not ours to judge; MLflow itself skips such runs
                    }
                    if (Integer.toString(RunStatus.RUNNING.code()).equals(meta.get("status"))
                            && !"deleted".equals(meta.get("lifecycle_stage"))
                            && Files.isDirectory(run.resolve("tags"))) {
                        running.put(run.getFileName().toString(), tags(run.resolve("tags")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runs under " + root + ": " + e.getMessage(), e);
        }
        return running;
    }

    @Override
    public void endRunNow(String runId, RunStatus status) {
        existingRun(runId).end(status);
    }

    private Path findExperiment(String name) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                try {
                    if (name.equals(SimpleYaml.read(dir.resolve("meta.yaml")).get("name"))) {
                        return dir;
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // a broken experiment is not the one asked for
                }
            }
        }
        return null;
    }

    private static Map<String, String> tags(Path dir) throws IOException {
        Map<String, String> tags = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                    .toList()) {
                tags.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return tags;
    }

    private Path runDir(String runId) {
        try (Stream<Path> experiments = Files.list(root)) {
            for (Path exp : experiments.filter(Files::isDirectory).toList()) {
                if (Files.isRegularFile(exp.resolve(runId).resolve("meta.yaml"))) {
                    return exp.resolve(runId);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        throw new TrackingUnavailableException("no run " + runId + " in the file store " + root, null);
    }

    private String findOrCreateExperiment(String name) throws IOException {
        long maxId = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path meta = dir.resolve("meta.yaml");
                String id = dir.getFileName().toString();
                if (!id.matches("\\d+") || !Files.exists(meta)) {
                    continue;
                }
                maxId = Math.max(maxId, Long.parseLong(id));
                if (name.equals(SimpleYaml.read(meta).get("name"))) {
                    return id;
                }
            }
        }
        if (!Files.exists(root.resolve("0").resolve("meta.yaml"))) {
            writeExperiment("0", "Default");
        }
        String id = Long.toString(maxId + 1);
        writeExperiment(id, name);
        return id;
    }

    private void writeExperiment(String id, String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(id));
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", dir.toUri().toString().replaceAll("/$", ""));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        Files.writeString(dir.resolve("meta.yaml"), SimpleYaml.write(meta), StandardCharsets.UTF_8);
        Path tags = Files.createDirectories(dir.resolve("tags"));
        Files.writeString(tags.resolve(EXPERIMENT_KIND_TAG), EXPERIMENT_KIND, StandardCharsets.UTF_8);
    }
}

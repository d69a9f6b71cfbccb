package io.gantry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * MLflow's Model Registry in a file store, in the layout MLflow's own FileStore registry writes
 * ({@code models/NAME/meta.yaml}, {@code models/NAME/version-N/meta.yaml}), so that {@code mlflow ui}
 * on the same folder lists the versions.
 */
final class FileStoreModelRegistry {
    /** MLflow's rule for a registered model name that is also a safe folder name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\- ]{0,254}");

    private final Path models;

    FileStoreModelRegistry(Path root) {
        this.models = root.resolve("models");
    }

    ModelVersion register(String name, String runId, String source) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a model name: use letters, digits, '_', '-', "
                    + "'.' and spaces, starting with a letter or digit");
        }
        Path model = models.resolve(name);
        long now = System.currentTimeMillis();
        try {
            if (!Files.isRegularFile(model.resolve("meta.yaml"))) {
                Files.createDirectories(model);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("creation_timestamp", now);
                meta.put("description", null);
                meta.put("last_updated_timestamp", now);
                meta.put("name", name);
                Files.writeString(model.resolve("meta.yaml"), SimpleYaml.write(meta), StandardCharsets.UTF_8);
            }
            // createDirectory claims a version number: two processes cannot both get it
            for (long version = newest(model) + 1; ; version++) {
                Path dir = model.resolve("version-" + version);
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("creation_timestamp", now);
                meta.put("current_stage", "None");
                meta.put("description", null);
                meta.put("last_updated_timestamp", now);
                meta.put("name", name);
                meta.put("run_id", runId);
                meta.put("run_link", null);
                meta.put("source", source);
                meta.put("status", "READY");
                meta.put("status_message", null);
                meta.put("user_id", null);
                meta.put("version", version);
                Files.writeString(dir.resolve("meta.yaml"), SimpleYaml.write(meta), StandardCharsets.UTF_8);
                return new ModelVersion(name, Long.toString(version), runId, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register model '" + name + "' in " + models + ": " + e.getMessage(), e);
        }
    }

    ModelVersion version(String name, String version) {
        Path model = models.resolve(name);
        try {
            if (!Files.isRegularFile(model.resolve("meta.yaml"))) {
                throw new TrackingUnavailableException("no registered model '" + name + "' in " + models.getParent()
                        + " (register one with: gantry register RUN_ID " + name + ")", null);
            }
            String v = version.equals("latest") ? Long.toString(newest(model)) : version;
            Path meta = model.resolve("version-" + v).resolve("meta.yaml");
            if (!v.matches("\\d+") || !Files.isRegularFile(meta)) {
                throw new TrackingUnavailableException("model '" + name + "' has no version " + version + "; it has "
                        + (newest(model) == 0 ? "none" : "1 to " + newest(model)), null);
            }
            Map<String, String> values = SimpleYaml.read(meta);
            return new ModelVersion(name, v, values.get("run_id"), values.get("source"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model '" + name + "' in " + models + ": " + e.getMessage(), e);
        }
    }

    private static long newest(Path model) throws IOException {
        try (Stream<Path> dirs = Files.list(model)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("version-\\d+"))
                    .mapToLong(n -> Long.parseLong(n.substring("version-".length()))).max().orElse(0);
        }
    }
}

package io.gantry.runner.sweep;

import io.gantry.runner.schedule.AshaSpec;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A sweep handed to a launcher, on a filesystem its trials can read: {@code sweep.properties} (the
 * parent run, the tracking URI, what every trial shares) and {@code trials/NNN.yaml}, each trial's
 * spec with its values applied. Any process that can read the folder runs trial {@code i} with
 * {@code gantry trial FOLDER i}; nothing else about the sweep lives outside the folder and the
 * tracking store.
 */
public record SweepFolder(Path dir) {
    static final String MANIFEST = "sweep.properties";

    /**
     * What every trial of the sweep shares.
     *
     * @param dataDir where trials find datasets, as they see the filesystem
     * @param maxSteps the command line's --max-steps, or null
     * @param scheduler early stopping, or null
     * @param pluginDirs --plugins-dir folders beyond the built-in one
     * @param labels each trial's label by its 1-based index
     */
    public record Manifest(String parentRunId, String trackingUri, String experiment, long sampleNoiseSeed,
                           String dataDir, Long maxSteps, AshaSpec scheduler, List<String> pluginDirs,
                           List<String> labels) {

        public int trials() {
            return labels.size();
        }
    }

    /** Writes the manifest and every trial's spec; the folder must not hold a sweep yet. */
    public static SweepFolder write(Path dir, Manifest manifest, List<Trial> trials) {
        try {
            Files.createDirectories(dir.resolve("trials"));
            Files.createDirectories(dir.resolve("logs"));
            if (Files.exists(dir.resolve(MANIFEST))) {
                throw new IllegalArgumentException("sweep folder " + dir + " already holds a sweep; pick another");
            }
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Yaml yaml = new Yaml(o);
            SweepFolder folder = new SweepFolder(dir);
            for (Trial t : trials) {
                Files.writeString(folder.trialFile(t.index()), "# trial " + t.index() + ": " + t.label() + "\n"
                        + yaml.dump(t.document().root()), StandardCharsets.UTF_8);
            }
            Properties p = new Properties();
            p.setProperty("parent_run_id", manifest.parentRunId());
            p.setProperty("tracking_uri", manifest.trackingUri());
            p.setProperty("experiment", manifest.experiment());
            p.setProperty("sample_noise_seed", Long.toString(manifest.sampleNoiseSeed()));
            p.setProperty("data_dir", manifest.dataDir());
            if (manifest.maxSteps() != null) {
                p.setProperty("max_steps", manifest.maxSteps().toString());
            }
            AshaSpec a = manifest.scheduler();
            if (a != null) {
                p.setProperty("scheduler.metric", a.metric());
                p.setProperty("scheduler.mode", a.minimise() ? "min" : "max");
                p.setProperty("scheduler.min_steps", Long.toString(a.minSteps()));
                p.setProperty("scheduler.eta", Integer.toString(a.eta()));
            }
            p.setProperty("plugin_dirs", String.join(java.io.File.pathSeparator, manifest.pluginDirs()));
            p.setProperty("trials", Integer.toString(trials.size()));
            for (Trial t : trials) {
                p.setProperty("trial." + t.index() + ".label", t.label());
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                p.store(w, "a Gantry sweep: run trial i with  gantry trial " + dir + " i");
            }
            return folder;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the sweep folder " + dir + ": " + e.getMessage()
                    + " (choose a writable folder on a filesystem the trials can read)", e);
        }
    }

    /** Reads the manifest; a folder without one is a one-line error. */
    public Manifest manifest() {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a sweep folder: it has no " + MANIFEST);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int n = Integer.parseInt(p.getProperty("trials"));
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            labels.add(p.getProperty("trial." + i + ".label", "trial-" + i));
        }
        AshaSpec scheduler = p.containsKey("scheduler.metric") ? new AshaSpec(p.getProperty("scheduler.metric"),
                "min".equals(p.getProperty("scheduler.mode")), Long.parseLong(p.getProperty("scheduler.min_steps")),
                Integer.parseInt(p.getProperty("scheduler.eta"))) : null;
        String plugins = p.getProperty("plugin_dirs", "");
        return new Manifest(p.getProperty("parent_run_id"), p.getProperty("tracking_uri"), p.getProperty("experiment"),
                Long.parseLong(p.getProperty("sample_noise_seed")), p.getProperty("data_dir"),
                p.containsKey("max_steps") ? Long.valueOf(p.getProperty("max_steps")) : null, scheduler,
                plugins.isEmpty() ? List.of() : List.of(plugins.split(java.io.File.pathSeparator)), labels);
    }

    /** Trial {@code index}'s spec; an index outside 1..N is a one-line error. */
    public SpecDocument trialSpec(int index) {
        int n = manifest().trials();
        if (index < 1 || index > n) {
            throw new IllegalArgumentException("trial index " + index + " is out of range: the sweep in " + dir
                    + " has trials 1 to " + n);
        }
        return new SpecLoader().load(trialFile(index));
    }

    /** Every file a person may want to read back, by its name relative to the folder. */
    public Map<String, Path> files() {
        Map<String, Path> out = new LinkedHashMap<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve("logs"))).sorted()
                    .forEach(f -> out.put(dir.relativize(f).toString(), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    private Path trialFile(int index) {
        return dir.resolve("trials").resolve(String.format("%03d.yaml", index));
    }
}

package io.gantry.runner.launch;

import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.TrackerFactory;
import io.gantry.runner.sweep.SweepFolder;
import io.gantry.runner.sweep.SweepRunner;
import io.gantry.runner.sweep.SweepSpec;
import io.gantry.runner.sweep.Trial;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.TrackingRun;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands a sweep to a remote engine: every trial is checked, the parent run is started on the tracking
 * server, the trials are written to a sweep folder (and to the parent run as artifacts), the engine
 * gets them, and this returns. Nothing has to stay running here.
 */
public final class SweepSubmitter {
    private final SweepRunner sweeps;

    @Inject
    public SweepSubmitter(SweepRunner sweeps) {
        this.sweeps = sweeps;
    }

    public static Launcher launcher(String type) {
        return switch (type) {
            case "slurm" -> new SlurmLauncher();
            case "kubernetes" -> new KubernetesLauncher();
            default -> throw new IllegalArgumentException("no remote launcher '" + type + "'");
        };
    }

    /** @return the parent run id */
    public String submit(LauncherSpec spec, SweepSpec sweep, List<Trial> trials, RunOptions options,
                         List<String> pluginDirs, PrintStream out) {
        Launcher launcher = launcher(spec.type());
        List<Experiment> experiments = sweeps.resolveAll(trials, sweep);
        Experiment first = experiments.get(0);
        String uri = TrackerFactory.chooseUri(options.trackingUri(), first.spec().tracking().getString("uri"),
                System.getenv("MLFLOW_TRACKING_URI"));
        if (!TrackerFactory.isServer(uri)) {
            throw new IllegalArgumentException("--launcher " + spec.type() + " needs an MLflow server as the tracking "
                    + "URI, not the file store '" + uri + "': trials on other machines write to it at once, which a "
                    + "folder on a shared filesystem does not make safe; start one (mlflow server --backend-store-uri "
                    + "sqlite:///mlflow.db --host 0.0.0.0 --port 5000) and pass --tracking-uri http://HOST:5000");
        }
        launcher.check(spec);
        String name = sweep.name().isEmpty() ? first.spec().experiment() + "-sweep" : sweep.name();
        Path dir = spec.sweepDir().toAbsolutePath().resolve(safe(name) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        writable(spec.sweepDir().toAbsolutePath());
        RunOptions remote = new RunOptions(options.maxSteps(), uri, options.dataDir());
        SweepRunner.Started started = sweeps.start(sweep, trials, remote, Map.of("gantry.sweep.launcher", spec.type(),
                "gantry.sweep.folder", dir.toString()), false);
        TrackingRun parent = started.parent();
        try {
            String dataDir = "kubernetes".equals(spec.type()) ? spec.kubernetes().mountPath() + "/data"
                    : options.dataDir().toAbsolutePath().toString();
            SweepFolder folder = SweepFolder.write(dir, new SweepFolder.Manifest(parent.runId(), uri,
                    first.spec().experiment(), first.spec().seed(), dataDir, options.maxSteps(),
                    sweep.scheduler(), pluginDirs, trials.stream().map(Trial::label).toList()), trials);
            Launcher.Submission submission = launcher.submit(spec, folder, "gantry-" + safe(name));
            Map<String, String> tags = new LinkedHashMap<>(submission.parentTags());
            parent.setTags(tags);
            for (Map.Entry<String, Path> f : folder.files().entrySet()) {
                parent.logArtifact("sweep/" + f.getKey(), Files.readAllBytes(f.getValue()));
            }
            out.println(trials.size() + " trials, all valid; sweep folder " + dir);
            submission.lines().forEach(out::println);
            out.println("parent run: " + parent.runId() + "  " + parent.location());
            String tracking = " --tracking-uri " + uri;
            out.println("progress: ./gantry sweep status " + parent.runId() + tracking);
            out.println("cancel:   ./gantry sweep cancel " + parent.runId() + tracking);
            return parent.runId();
        } catch (RuntimeException | IOException e) {
            parent.setTags(Map.of("gantry.error", String.valueOf(e.getMessage())));
            parent.end(RunStatus.FAILED);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException("cannot read the sweep folder back: " + e.getMessage(), e);
        }
    }

    /** A name Slurm, Kubernetes and filesystems all accept: lower-case letters, digits and '-'. */
    static String safe(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "sweep" : s.length() > 40 ? s.substring(0, 40).replaceAll("-+$", "") : s;
    }

    private static void writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".gantry-probe", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("the sweep folder " + dir + " is not writable (" + e.getMessage()
                    + "); set launcher.sweep_dir to a folder on a filesystem the trials can read");
        }
    }
}

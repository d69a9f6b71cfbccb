package io.gantry.runner.launch;

import io.gantry.runner.sweep.SweepFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a sweep as an Indexed Job ({@link KubernetesManifest}) into the sweep folder, and applies it
 * with {@code kubectl} when kubectl is on the PATH with a current context; else says how to apply it.
 */
public final class KubernetesLauncher implements Launcher {
    public static final String JOB_TAG = "kubernetes.job";
    public static final String NAMESPACE_TAG = "kubernetes.namespace";

    @Override
    public String engine() {
        return "Kubernetes";
    }

    @Override
    public void check(LauncherSpec spec) {
        // the spec's image and volume claim were checked when the block was read; kubectl is optional
    }

    @Override
    public Submission submit(LauncherSpec spec, SweepFolder folder, String jobName) {
        SweepFolder.Manifest m = folder.manifest();
        String name = jobName + "-" + m.parentRunId().substring(0, Math.min(8, m.parentRunId().length()));
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> f : folder.files().entrySet()) {
                files.put(f.getKey(), Files.readString(f.getValue(), StandardCharsets.UTF_8));
            }
            Path file = folder.dir().resolve("job.yaml");
            Files.writeString(file, KubernetesManifest.render(name, m.parentRunId(), m.trials(), spec.kubernetes(),
                    m.trackingUri(), files, m.pluginDirs()), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(JOB_TAG, name);
            String namespace = spec.kubernetes().namespace();
            if (namespace != null) {
                tags.put(NAMESPACE_TAG, namespace);
            }
            if (ExternalCommand.onPath("kubectl")
                    && ExternalCommand.run(List.of("kubectl", "config", "current-context"), 30).ok()) {
                ExternalCommand.Result r = ExternalCommand.run(List.of("kubectl", "apply", "-f", file.toString()), 120);
                if (!r.ok()) {
                    throw new IllegalArgumentException("kubectl apply refused the sweep's Job: " + r.why()
                            + " (manifest: " + file + ")");
                }
                lines.add("applied Indexed Job " + name + " (" + m.trials() + " trials): " + r.out().replace('\n', ' '));
                lines.add("Kubernetes' view: kubectl get pods -l gantry.io/sweep=" + name
                        + (namespace == null ? "" : " -n " + namespace));
            } else {
                lines.add("wrote Indexed Job " + name + " (" + m.trials() + " trials) to " + file);
                lines.add("kubectl is not configured here; apply it where it is: kubectl apply -f " + file);
            }
            return new Submission(tags, lines);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the Job manifest in " + folder.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Map<Integer, String> states(Map<String, String> parentTags) {
        String job = parentTags.get(JOB_TAG);
        Map<Integer, String> out = new java.util.TreeMap<>();
        if (job == null || !ExternalCommand.onPath("kubectl")) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of("kubectl", "get", "pods", "-l", "job-name=" + job, "-o",
                "jsonpath={range .items[*]}{.metadata.annotations.batch\\.kubernetes\\.io/job-completion-index}"
                        + " {.status.phase}{\"\\n\"}{end}"));
        namespace(parentTags, cmd);
        ExternalCommand.Result r = ExternalCommand.run(cmd, 30);
        if (r.ok()) {
            for (String line : r.out().lines().toList()) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].matches("\\d+")) {
                    out.put(Integer.parseInt(parts[0]) + 1, parts[1]);
                }
            }
        }
        return out;
    }

    @Override
    public String cancel(Map<String, String> parentTags) {
        String job = parentTags.get(JOB_TAG);
        if (job == null) {
            return "no Kubernetes Job recorded on the parent run";
        }
        List<String> cmd = new ArrayList<>(List.of("kubectl", "delete", "job", job));
        namespace(parentTags, cmd);
        if (!ExternalCommand.onPath("kubectl")) {
            return "kubectl is not on the PATH here; delete the Job where it is: " + String.join(" ", cmd);
        }
        ExternalCommand.Result r = ExternalCommand.run(cmd, 120);
        if (!r.ok()) {
            throw new IllegalArgumentException(String.join(" ", cmd) + " failed: " + r.why());
        }
        return "deleted Kubernetes Job " + job + " (its pods get SIGTERM: running trials checkpoint and end KILLED)";
    }

    private static void namespace(Map<String, String> parentTags, List<String> cmd) {
        String ns = parentTags.get(NAMESPACE_TAG);
        if (ns != null) {
            cmd.addAll(List.of("-n", ns));
        }
    }
}

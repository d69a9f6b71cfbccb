package io.gantry.runner.launch;

import io.gantry.runner.launch.LauncherSpec.KubernetesSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A sweep as Kubernetes objects: a ConfigMap holding the sweep folder's manifest and trial specs, and
 * an Indexed Job whose completion index {@code i} runs trial {@code i + 1}. Every pod mounts one
 * PersistentVolumeClaim as its working directory, so a pod evicted or restarted resumes its trial from
 * the checkpoint there.
 */
public final class KubernetesManifest {
    /** Where the ConfigMap is mounted in a pod: the sweep folder {@code gantry trial} reads. */
    public static final String SWEEP_MOUNT = "/etc/gantry/sweep";
    /** What a ConfigMap may hold in all (Kubernetes refuses more). */
    static final int CONFIG_MAP_LIMIT = 1_000_000;

    private KubernetesManifest() {
    }

    /**
     * @param files the sweep folder's files by relative path (sweep.properties, trials/001.yaml, ...)
     */
    public static String render(String jobName, String parentRunId, int trials, KubernetesSettings k,
                                String trackingUri, Map<String, String> files, List<String> pluginDirs) {
        Map<String, String> data = new LinkedHashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        int size = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String key = f.getKey().replace('/', '.');
            data.put(key, f.getValue());
            items.add(map("key", key, "path", f.getKey()));
            size += f.getValue().length() + key.length();
        }
        if (size > CONFIG_MAP_LIMIT) {
            throw new IllegalArgumentException("the sweep's " + trials + " trial specs take " + size + " bytes, more "
                    + "than a Kubernetes ConfigMap holds (1 MB): split the sweep");
        }
        Map<String, Object> labels = map("app.kubernetes.io/name", "gantry", "app.kubernetes.io/component", "sweep",
                "gantry.io/sweep", jobName);
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata(jobName + "-sweep", k.namespace(), labels, parentRunId));
        configMap.put("data", data);

        StringBuilder command = new StringBuilder("exec " + SlurmScript.quote(k.gantry()) + " trial " + SWEEP_MOUNT
                + " \"$((JOB_COMPLETION_INDEX + 1))\"");
        pluginDirs.forEach(d -> command.append(" --plugins-dir ").append(SlurmScript.quote(d)));
        List<Object> env = new ArrayList<>();
        env.add(map("name", "MLFLOW_TRACKING_URI", "value", trackingUri));
        env.add(map("name", "GANTRY_K8S_JOB", "value", jobName));
        env.add(map("name", "GANTRY_K8S_POD", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))));
        env.add(map("name", "GANTRY_K8S_NODE", "valueFrom", map("fieldRef", map("fieldPath", "spec.nodeName"))));
        Map<String, Object> requests = new LinkedHashMap<>();
        Map<String, Object> limits = new LinkedHashMap<>();
        if (k.cpu() != null) {
            requests.put("cpu", k.cpu());
        }
        if (k.memory() != null) {
            requests.put("memory", k.memory());
            limits.put("memory", k.memory());
        }
        if (k.gpus() != null && k.gpus() > 0) {
            requests.put("nvidia.com/gpu", k.gpus());
            limits.put("nvidia.com/gpu", k.gpus());
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "trial");
        container.put("image", k.image());
        container.put("workingDir", k.mountPath());
        container.put("command", List.of("/bin/sh", "-c", command.toString()));
        container.put("env", env);
        if (k.secret() != null) {
            container.put("envFrom", List.of(map("secretRef", map("name", k.secret()))));
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        if (!requests.isEmpty()) {
            resources.put("requests", requests);
        }
        if (!limits.isEmpty()) {
            resources.put("limits", limits);
        }
        container.put("resources", resources);
        container.put("volumeMounts", List.of(map("name", "work", "mountPath", k.mountPath()),
                map("name", "sweep", "mountPath", SWEEP_MOUNT, "readOnly", true)));

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("restartPolicy", "OnFailure");
        podSpec.put("terminationGracePeriodSeconds", k.gracePeriod());
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", List.of(
                map("name", "work", "persistentVolumeClaim", map("claimName", k.volumeClaim())),
                map("name", "sweep", "configMap", map("name", jobName + "-sweep", "items", items))));
        Map<String, Object> jobSpec = new LinkedHashMap<>();
        jobSpec.put("completionMode", "Indexed");
        jobSpec.put("completions", trials);
        jobSpec.put("parallelism", k.parallelism() == null ? trials : Math.min(k.parallelism(), trials));
        // A pod that fails (a node lost, an eviction) is started again and resumes: allow a few per trial.
        jobSpec.put("backoffLimit", 3 * trials);
        jobSpec.put("template", map("metadata", map("labels", labels), "spec", podSpec));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        job.put("metadata", metadata(jobName, k.namespace(), labels, parentRunId));
        job.put("spec", jobSpec);

        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        Yaml yaml = new Yaml(o);
        return "# A Gantry sweep: " + trials + " trials of parent run " + parentRunId + "\n" + yaml.dump(configMap)
                + "---\n" + yaml.dump(job);
    }

    private static Map<String, Object> metadata(String name, String namespace, Map<String, Object> labels,
                                                String parentRunId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        m.put("labels", labels);
        m.put("annotations", map("gantry.io/parent-run-id", parentRunId));
        return m;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

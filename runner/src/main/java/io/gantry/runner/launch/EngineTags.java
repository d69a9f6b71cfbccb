package io.gantry.runner.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where an engine runs a trial, read from the variables it sets, as tags for the trial's run. */
public final class EngineTags {
    /** Environment variable to tag, in the order a person reads them. */
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("SLURM_ARRAY_JOB_ID", "slurm.job_id");
        TAGS.put("SLURM_ARRAY_TASK_ID", "slurm.array_task_id");
        TAGS.put("SLURMD_NODENAME", "slurm.node");
        TAGS.put("SLURM_RESTART_COUNT", "slurm.restart_count");
        TAGS.put("JOB_COMPLETION_INDEX", "kubernetes.completion_index");
        TAGS.put("GANTRY_K8S_JOB", "kubernetes.job");
        TAGS.put("GANTRY_K8S_POD", "kubernetes.pod");
        TAGS.put("GANTRY_K8S_NODE", "kubernetes.node");
    }

    private EngineTags() {
    }

    public static Map<String, String> of(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        TAGS.forEach((var, tag) -> {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                out.put(tag, v);
            }
        });
        return out;
    }
}

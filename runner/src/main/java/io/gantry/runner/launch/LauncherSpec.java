package io.gantry.runner.launch;

import io.gantry.runner.spec.SpecDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The spec's {@code launcher:} block: which engine runs the trials, and its settings.
 *
 * <pre>
 * launcher:
 *   type: slurm                 # local (default: trials run in this JVM) | slurm | kubernetes
 *   sweep_dir: sweeps           # where sweep folders are written; trials must be able to read it
 *   slurm: {partition: gpu, time: "04:00:00", cpus_per_task: 4, mem: 16G, gpus: 1, parallel: 4,
 *           signal_before: 120, sbatch: ["--constraint=a100"], setup: ["module load java/17"]}
 *   kubernetes: {image: registry/gantry:1, volume_claim: gantry-work, cpu: "4", memory: 16Gi, gpus: 1}
 * </pre>
 */
public record LauncherSpec(String type, Path sweepDir, SlurmSettings slurm, KubernetesSettings kubernetes) {
    public static final List<String> TYPES = List.of("local", "slurm", "kubernetes");
    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d{1,2}(:\\d{2}){0,2}|\\d+|UNLIMITED|INFINITE");
    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern QUANTITY = Pattern.compile("\\d+(\\.\\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /**
     * Slurm's settings; null fields are left to the cluster's defaults.
     *
     * @param parallel array tasks running at once ({@code --array=1-N%K}); null: as many as Slurm allows
     * @param signalBefore seconds before the time limit at which the trial is asked to checkpoint and requeue
     */
    public record SlurmSettings(String partition, String account, String qos, String time, Integer cpusPerTask,
                                String mem, Integer gpus, Integer parallel, int signalBefore, List<String> sbatch,
                                List<String> setup) {
    }

    /**
     * Kubernetes' settings.
     *
     * @param volumeClaim a PersistentVolumeClaim every pod mounts as its working directory: checkpoints and
     *     datasets live there, so a pod started again resumes its trial
     * @param secret a Secret whose keys become environment variables (MLFLOW_TRACKING_TOKEN, ...), or null
     */
    public record KubernetesSettings(String image, String namespace, String cpu, String memory, Integer gpus,
                                     Integer parallelism, String volumeClaim, String mountPath, String secret,
                                     String gantry, int gracePeriod) {
    }

    public boolean remote() {
        return !"local".equals(type);
    }

    /** The block, with {@code typeOverride} (the command line's --launcher) replacing its type when given. */
    public static LauncherSpec from(SpecDocument doc, String typeOverride) {
        Map<String, Object> block = doc.mapping("launcher");
        Keys.check(doc, "launcher", block, Set.of("type", "sweep_dir", "slurm", "kubernetes"));
        String type = typeOverride != null ? typeOverride : String.valueOf(block.getOrDefault("type", "local"));
        if (!TYPES.contains(type)) {
            throw typeOverride != null
                    ? new IllegalArgumentException("--launcher " + type + ": expected one of " + String.join(", ", TYPES))
                    : doc.error("launcher.type", "expected one of " + String.join(", ", TYPES) + ", got '" + type + "'");
        }
        Keys k = new Keys(doc, "launcher.slurm");
        k.check(Set.of("partition", "account", "qos", "time", "cpus_per_task", "mem", "gpus", "parallel",
                "signal_before", "sbatch", "setup"));
        SlurmSettings slurm = new SlurmSettings(k.word("partition"), k.word("account"), k.word("qos"),
                k.matching("time", TIME, "a Slurm time limit, e.g. 04:00:00, 2-00:00:00 or 90 (minutes)"),
                k.integer("cpus_per_task", 1, 4096), k.matching("mem", MEMORY, "Slurm memory, e.g. 16G or 4000M"),
                k.integer("gpus", 0, 64), k.integer("parallel", 1, 100_000),
                k.integerOr("signal_before", 120, 0, 65_535), k.lines("sbatch"), k.lines("setup"));
        for (String line : slurm.sbatch()) {
            if (!line.startsWith("-")) {
                throw doc.error("launcher.slurm.sbatch", "each entry is an sbatch option such as --constraint=a100, "
                        + "got '" + line + "'");
            }
        }
        Keys kk = new Keys(doc, "launcher.kubernetes");
        kk.check(Set.of("image", "namespace", "cpu", "memory", "gpus", "parallelism", "volume_claim", "mount_path",
                "secret", "gantry", "grace_period"));
        KubernetesSettings k8s = new KubernetesSettings(kk.word("image"),
                kk.matching("namespace", NAME, "a Kubernetes name: lower-case letters, digits and '-'"),
                kk.matching("cpu", QUANTITY, "a Kubernetes quantity, e.g. \"4\" or 500m"),
                kk.matching("memory", QUANTITY, "a Kubernetes quantity, e.g. 16Gi"),
                kk.integer("gpus", 0, 64), kk.integer("parallelism", 1, 100_000),
                kk.matching("volume_claim", NAME, "the name of a PersistentVolumeClaim"),
                kk.wordOr("mount_path", "/work"),
                kk.matching("secret", NAME, "the name of a Secret"), kk.wordOr("gantry", "gantry"),
                kk.integerOr("grace_period", 120, 1, 86_400));
        if ("kubernetes".equals(type)) {
            if (k8s.image() == null) {
                throw doc.error("launcher.kubernetes.image", "name the container image that holds Gantry and its "
                        + "plugins, e.g. launcher.kubernetes.image: registry.example.com/gantry:1.0");
            }
            if (k8s.volumeClaim() == null) {
                throw doc.error("launcher.kubernetes.volume_claim", "name a PersistentVolumeClaim (ReadWriteMany) for "
                        + "checkpoints and datasets, so that a pod started again resumes its trial");
            }
        }
        Object dir = block.getOrDefault("sweep_dir", "sweeps");
        return new LauncherSpec(type, Path.of(dir.toString()), slurm, k8s);
    }

    /** Reads the keys of one sub-block, each mistake one line naming the key. */
    private record Keys(SpecDocument doc, String prefix) {
        static void check(SpecDocument doc, String prefix, Map<String, Object> block, Set<String> allowed) {
            for (String key : block.keySet()) {
                if (!allowed.contains(key)) {
                    throw doc.error(prefix + "." + key, "unknown key; allowed: " + String.join(", ",
                            allowed.stream().sorted().toList()));
                }
            }
        }

        void check(Set<String> allowed) {
            check(doc, prefix, doc.mapping(prefix), allowed);
        }

        Object raw(String key) {
            return doc.mapping(prefix).get(key);
        }

        String word(String key) {
            Object v = raw(key);
            if (v == null) {
                return null;
            }
            String s = v.toString();
            if (s.isBlank() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"'
                    || c == '$' || c == '`' || c == '\\')) {
                throw doc.error(prefix + "." + key, "expected one word without spaces, quotes or '$', got '" + s + "'");
            }
            return s;
        }

        String wordOr(String key, String fallback) {
            String s = word(key);
            return s == null ? fallback : s;
        }

        String matching(String key, Pattern pattern, String what) {
            String s = word(key);
            if (s != null && !pattern.matcher(s).matches()) {
                throw doc.error(prefix + "." + key, "expected " + what + ", got '" + s + "'");
            }
            return s;
        }

        Integer integer(String key, int min, int max) {
            Object v = raw(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Integer i) || i < min || i > max) {
                throw doc.error(prefix + "." + key, "expected a whole number from " + min + " to " + max + ", got '"
                        + v + "'");
            }
            return i;
        }

        int integerOr(String key, int fallback, int min, int max) {
            Integer i = integer(key, min, max);
            return i == null ? fallback : i;
        }

        List<String> lines(String key) {
            Object v = raw(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                throw doc.error(prefix + "." + key, "expected a list of lines, e.g. [\"module load java/17\"]");
            }
            List<String> out = new ArrayList<>();
            for (Object line : list) {
                String s = String.valueOf(line);
                if (s.contains("\n")) {
                    throw doc.error(prefix + "." + key, "one line per entry, got a value with a line break");
                }
                out.add(s);
            }
            return out;
        }
    }
}

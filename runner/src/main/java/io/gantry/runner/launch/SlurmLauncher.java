package io.gantry.runner.launch;

import io.gantry.runner.sweep.SweepFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Submits a sweep as one Slurm job array ({@link SlurmScript}) with {@code sbatch}. */
public final class SlurmLauncher implements Launcher {
    public static final String JOB_TAG = "slurm.job_id";

    @Override
    public String engine() {
        return "Slurm";
    }

    @Override
    public void check(LauncherSpec spec) {
        if (!ExternalCommand.onPath("sbatch")) {
            throw new IllegalArgumentException("--launcher slurm: no sbatch on the PATH; run this on a machine of the "
                    + "Slurm cluster (a login node), or put Slurm's commands on the PATH");
        }
    }

    @Override
    public Submission submit(LauncherSpec spec, SweepFolder folder, String jobName) {
        SweepFolder.Manifest m = folder.manifest();
        Path gantry = Path.of(System.getProperty("gantry.home", ".")).toAbsolutePath().resolve("gantry");
        String script = SlurmScript.render(jobName, folder.dir().toAbsolutePath(), m.trials(), spec.slurm(),
                Path.of("").toAbsolutePath(), gantry, m.pluginDirs());
        Path file = folder.dir().resolve("submit.sbatch");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
        }
        ExternalCommand.Result r = ExternalCommand.run(List.of("sbatch", "--parsable", file.toString()), 120);
        if (!r.ok()) {
            throw new IllegalArgumentException("sbatch refused the sweep's job array: " + r.why() + " (script: " + file
                    + "; change launcher.slurm in the spec or with --set launcher.slurm.KEY=VALUE)");
        }
        String jobId = r.out().lines().reduce((a, b) -> b).orElse("").split(";")[0].strip();
        List<String> lines = new ArrayList<>();
        lines.add("submitted Slurm job " + jobId + ": array 1-" + m.trials()
                + (spec.slurm().parallel() == null ? "" : ", " + spec.slurm().parallel() + " at a time")
                + "; script " + file);
        lines.add("trial logs: " + folder.logs() + "/trial-<i>.out");
        lines.add("Slurm's view: squeue -r -j " + jobId);
        return new Submission(Map.of(JOB_TAG, jobId), lines);
    }

    @Override
    public Map<Integer, String> states(Map<String, String> parentTags) {
        String job = parentTags.get(JOB_TAG);
        if (job == null || !ExternalCommand.onPath("squeue")) {
            return Map.of();
        }
        // -r: one line per array task; %K: the task's index; finished tasks are no longer listed
        ExternalCommand.Result r = ExternalCommand.run(List.of("squeue", "-h", "-r", "-j", job, "-o", "%K %T"), 30);
        Map<Integer, String> out = new java.util.TreeMap<>();
        if (!r.ok()) {
            return out;
        }
        for (String line : r.out().lines().toList()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2) {
                taskIndexes(parts[0]).forEach(i -> out.put(i, parts[1]));
            }
        }
        return out;
    }

    /** Array task indexes as squeue prints them: {@code 3}, or pending ones as {@code [4-6,8%2]}. */
    static List<Integer> taskIndexes(String field) {
        List<Integer> out = new ArrayList<>();
        String s = field.replaceAll("^\\[|]$", "").replaceAll("%\\d+$", "");
        for (String part : s.split(",")) {
            String[] range = part.split("-");
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                for (int i = from; i <= to && out.size() < 100_000; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException notAnIndex) {
                // a job that is not an array task
            }
        }
        return out;
    }

    @Override
    public String cancel(Map<String, String> parentTags) {
        String job = parentTags.get(JOB_TAG);
        if (job == null) {
            return "no Slurm job recorded on the parent run";
        }
        if (!ExternalCommand.onPath("scancel")) {
            throw new IllegalArgumentException("no scancel on the PATH: cancel Slurm job " + job + " where Slurm's "
                    + "commands are");
        }
        ExternalCommand.Result r = ExternalCommand.run(List.of("scancel", job), 60);
        if (!r.ok()) {
            throw new IllegalArgumentException("scancel " + job + " failed: " + r.why());
        }
        return "cancelled Slurm job " + job + " (running trials checkpoint and end KILLED; resume one with "
                + "gantry trial SWEEP_DIR INDEX)";
    }
}

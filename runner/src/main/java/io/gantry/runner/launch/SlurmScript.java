package io.gantry.runner.launch;

import io.gantry.runner.launch.LauncherSpec.SlurmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one {@code sbatch} script of a sweep: a job array whose task {@code i} runs trial {@code i} of
 * the sweep folder. Before the time limit Slurm signals the script ({@code --signal=B:USR1@T}); the
 * script asks the trial to stop (it finishes its step, checkpoints, exits) and requeues its own task,
 * which then resumes the trial's run. Preemption's SIGTERM reaches the trial directly; with
 * {@code --requeue} Slurm requeues the task itself.
 */
public final class SlurmScript {

    private SlurmScript() {
    }

    /**
     * @param workDir the folder trials run in (relative paths of the specs, checkpoints)
     * @param gantry the launcher script every task runs
     * @param pluginDirs --plugins-dir folders to pass on
     */
    public static String render(String jobName, Path sweepDir, int trials, SlurmSettings s, Path workDir, Path gantry,
                                List<String> pluginDirs) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# A Gantry sweep: task i of this array runs  gantry trial " + sweepDir + " i");
        lines.add("#SBATCH --job-name=" + jobName);
        lines.add("#SBATCH --array=1-" + trials + (s.parallel() == null ? "" : "%" + s.parallel()));
        lines.add("#SBATCH --output=" + sweepDir.resolve("logs") + "/trial-%a.out");
        lines.add("#SBATCH --open-mode=append");
        lines.add("#SBATCH --chdir=" + workDir);
        lines.add("#SBATCH --requeue");
        if (s.signalBefore() > 0) {
            lines.add("#SBATCH --signal=B:USR1@" + s.signalBefore());
        }
        option(lines, "partition", s.partition());
        option(lines, "account", s.account());
        option(lines, "qos", s.qos());
        option(lines, "time", s.time());
        option(lines, "cpus-per-task", s.cpusPerTask());
        option(lines, "mem", s.mem());
        if (s.gpus() != null && s.gpus() > 0) {
            lines.add("#SBATCH --gres=gpu:" + s.gpus());
        }
        s.sbatch().forEach(l -> lines.add("#SBATCH " + l));
        lines.add("");
        if (!s.setup().isEmpty()) {
            lines.add("# setup");
            lines.addAll(s.setup());
            lines.add("");
        }
        StringBuilder cmd = new StringBuilder(quote(gantry.toString()) + " trial " + quote(sweepDir.toString())
                + " \"$SLURM_ARRAY_TASK_ID\"");
        pluginDirs.forEach(d -> cmd.append(" --plugins-dir ").append(quote(d)));
        lines.addAll(List.of(
                "export GANTRY_SKIP_BUILD=1",
                "requeue=0",
                "# the time limit is near: stop the trial (step, checkpoint, exit), then requeue this task",
                "trap 'requeue=1; kill -TERM \"$pid\" 2>/dev/null' USR1",
                "# scancel and preemption signal the trial too; only wait for it",
                "trap ':' TERM",
                cmd + " &",
                "pid=$!",
                "while :; do wait \"$pid\"; rc=$?; kill -0 \"$pid\" 2>/dev/null || break; done",
                "if [ \"$requeue\" = 1 ]; then",
                "  echo \"gantry: requeueing task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\" >&2",
                "  scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"",
                "fi",
                "exit $rc"));
        return String.join("\n", lines) + "\n";
    }

    private static void option(List<String> lines, String name, Object value) {
        if (value != null) {
            lines.add("#SBATCH --" + name + "=" + value);
        }
    }

    /** Single-quoted for bash. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

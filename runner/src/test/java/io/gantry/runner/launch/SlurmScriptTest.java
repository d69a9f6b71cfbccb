package io.gantry.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmScriptTest {
    @TempDir
    Path tmp;

    @Test
    void oneArrayTaskPerTrialWithTheSettingsAndAValidBashScript() throws Exception {
        var s = new LauncherSpec.SlurmSettings("gpu", "proj", null, "04:00:00", 4, "16G", 1, 2, 300,
                List.of("--constraint=a100"), List.of("module load java/17"));
        String script = SlurmScript.render("gantry-x", Path.of("/shared/sweep it"), 6, s, Path.of("/home/u"),
                Path.of("/opt/gantry/gantry"), List.of("/p/plugins"));
        assertThat(script).startsWith("#!/bin/bash\n")
                .contains("#SBATCH --array=1-6%2\n", "#SBATCH --partition=gpu\n", "#SBATCH --account=proj\n",
                        "#SBATCH --time=04:00:00\n", "#SBATCH --cpus-per-task=4\n", "#SBATCH --mem=16G\n",
                        "#SBATCH --gres=gpu:1\n", "#SBATCH --constraint=a100\n", "#SBATCH --requeue\n",
                        "#SBATCH --signal=B:USR1@300\n", "#SBATCH --chdir=/home/u\n", "module load java/17\n",
                        "'/opt/gantry/gantry' trial '/shared/sweep it' \"$SLURM_ARRAY_TASK_ID\" --plugins-dir '/p/plugins' &")
                .doesNotContain("--qos");
        // every #SBATCH line comes before the first command, or sbatch ignores it
        List<String> lines = script.lines().toList();
        int firstCommand = lines.indexOf("module load java/17");
        assertThat(lines.subList(firstCommand, lines.size())).noneMatch(l -> l.startsWith("#SBATCH"));
        Path file = tmp.resolve("submit.sbatch");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void readsArrayTaskIndexesAsSqueuePrintsThem() {
        assertThat(SlurmLauncher.taskIndexes("3")).containsExactly(3);
        assertThat(SlurmLauncher.taskIndexes("[4-6,9%2]")).containsExactly(4, 5, 6, 9);
        assertThat(SlurmLauncher.taskIndexes("N/A")).isEmpty();
    }
}

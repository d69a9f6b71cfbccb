package io.gantry.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runner.spec.SpecException;
import io.gantry.runner.spec.SpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherSpecTest {
    private static LauncherSpec parse(String block, String override) {
        return LauncherSpec.from(new SpecLoader().parse(Path.of("s.yaml"), "launcher:\n" + block), override);
    }

    @Test
    void readsSlurmSettingsAndTheCommandLineTypeWins() {
        LauncherSpec s = parse("""
                  type: kubernetes
                  sweep_dir: /shared/sweeps
                  kubernetes: {image: reg/gantry:1, volume_claim: work}
                  slurm: {partition: gpu, time: "1-04:00:00", cpus_per_task: 4, mem: 16G, gpus: 2, parallel: 3,
                          sbatch: ["--constraint=a100"], setup: ["module load java/17"]}
                """, "slurm");
        assertThat(s.type()).isEqualTo("slurm");
        assertThat(s.remote()).isTrue();
        assertThat(s.sweepDir()).isEqualTo(Path.of("/shared/sweeps"));
        assertThat(s.slurm().time()).isEqualTo("1-04:00:00");
        assertThat(s.slurm().gpus()).isEqualTo(2);
        assertThat(s.slurm().signalBefore()).isEqualTo(120);
        assertThat(s.slurm().setup()).containsExactly("module load java/17");
        assertThat(s.kubernetes().mountPath()).isEqualTo("/work");
        assertThat(parse("  sweep_dir: x\n", null).remote()).isFalse();
    }

    @Test
    void mistakesNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse("  type: slurm\n  slurm: {time: soon}\n", null))
                .isInstanceOf(SpecException.class).hasMessageContaining("launcher.slurm.time")
                .hasMessageContaining("04:00:00");
        assertThatThrownBy(() -> parse("  slurm: {partiton: gpu}\n", null))
                .hasMessageContaining("launcher.slurm.partiton").hasMessageContaining("partition");
        assertThatThrownBy(() -> parse("  type: pbs\n", null)).hasMessageContaining("local, slurm, kubernetes");
        assertThatThrownBy(() -> parse("  type: slurm\n", "pbs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--launcher pbs: expected one of local, slurm, kubernetes");
        assertThatThrownBy(() -> parse("  slurm: {partition: \"gpu; rm -rf /\"}\n", null))
                .hasMessageContaining("launcher.slurm.partition").hasMessageContaining("one word");
        assertThatThrownBy(() -> parse("  slurm: {gpus: -1}\n", null)).hasMessageContaining("from 0 to 64");
        assertThatThrownBy(() -> parse("  slurm: {sbatch: [\"constraint=a100\"]}\n", null))
                .hasMessageContaining("sbatch option");
        assertThatThrownBy(() -> parse("  type: kubernetes\n  kubernetes: {volume_claim: w}\n", null))
                .hasMessageContaining("launcher.kubernetes.image");
        assertThatThrownBy(() -> parse("  type: kubernetes\n  kubernetes: {image: i}\n", null))
                .hasMessageContaining("launcher.kubernetes.volume_claim");
    }
}

package io.gantry.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runner.schedule.AshaSpec;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFolderTest {
    @TempDir
    Path tmp;

    @Test
    void trialsReadBackWithTheirValuesAndTheManifestWhole() {
        SpecDocument doc = new SpecLoader().parse(tmp.resolve("s.yaml"), """
                experiment: e
                optimizer: {generator: {type: adam, lr: 0.001}}
                sweep:
                  grid: {optimizer.generator.lr: [0.001, 0.0002]}
                launcher: {type: slurm}
                """);
        SweepSpec sweep = SweepSpec.from(doc);
        List<Trial> trials = new SweepExpander().expand(doc, sweep);
        AshaSpec asha = new AshaSpec("fcd", true, 300, 3);
        var manifest = new SweepFolder.Manifest("parent1", "http://h:5000", "e", 42, "/data", 600L, asha,
                List.of("/p1", "/p2"), trials.stream().map(Trial::label).toList());
        SweepFolder folder = SweepFolder.write(tmp.resolve("sweep"), manifest, trials);

        assertThat(folder.manifest()).isEqualTo(manifest);
        SpecDocument second = folder.trialSpec(2);
        assertThat(second.get("optimizer.generator.lr")).isEqualTo(0.0002);
        assertThat(second.root()).doesNotContainKeys("sweep", "launcher");
        assertThat(folder.files()).containsOnlyKeys("sweep.properties", "trials/001.yaml", "trials/002.yaml");
        assertThatThrownBy(() -> folder.trialSpec(3)).hasMessageContaining("trial index 3 is out of range")
                .hasMessageContaining("trials 1 to 2");
        assertThatThrownBy(() -> SweepFolder.write(tmp.resolve("sweep"), manifest, trials))
                .hasMessageContaining("already holds a sweep");
        assertThatThrownBy(() -> new SweepFolder(tmp).manifest()).hasMessageContaining("is not a sweep folder");
        assertThat(Files.isDirectory(folder.logs())).isTrue();
    }
}

package io.gantry.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
    private static final String VALID = """
            experiment: t
            dataset: {type: mnist}
            generator:
              type: mlp
              hidden: [8, 16]
            discriminator: {type: mlp}
            loss: {type: minimax}
            optimizer:
              generator: {type: adam, lr: 0.001}
              discriminator: {type: sgd}
            noise: {type: uniform}
            training:
              batch_size: 32
              steps: 10
            """;

    private static SpecDocument parse(String text) {
        return new SpecLoader().parse(Path.of("spec.yaml"), text);
    }

    @Test
    void readsStructureAndEngineBlocksWithDefaults() {
        ExperimentSpec spec = ExperimentSpec.from(parse(VALID));
        assertThat(spec.generator().type()).isEqualTo("mlp");
        assertThat(spec.generator().params()).containsEntry("hidden", List.of(8, 16));
        assertThat(spec.generatorOptimizer().params()).containsEntry("lr", 0.001);
        assertThat(spec.training().getInt("batch_size")).isEqualTo(32);
        assertThat(spec.training().getInt("d_steps")).isEqualTo(1);
        assertThat(spec.sampling().getString("batchnorm")).isEqualTo("inference");
        assertThat(spec.seed()).isEqualTo(42);
    }

    @Test
    void unknownTopLevelKeyPointsAtItsLine() {
        assertThatThrownBy(() -> ExperimentSpec.from(parse(VALID + "epochz: 3\n")))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("spec.yaml:15:1: epochz: unknown key; allowed top-level keys: ");
    }

    @Test
    void badEngineValuePointsAtItsLine() {
        String text = VALID.replace("batch_size: 32", "batch_size: many");
        assertThatThrownBy(() -> ExperimentSpec.from(parse(text)))
                .hasMessage("spec.yaml:13:3: training.batch_size: parameter 'batch_size' expects an integer "
                        + "but got string 'many'");
    }

    @Test
    void componentWithoutTypeIsExplained() {
        String text = VALID.replace("loss: {type: minimax}", "loss: {kind: minimax}");
        assertThatThrownBy(() -> ExperimentSpec.from(parse(text)))
                .hasMessageContaining("spec.yaml:7:1: loss.type: missing or not a string");
    }

    @Test
    void setOverridesAnyKeyAndParsesValuesAsYaml() {
        SpecDocument doc = parse(VALID).with("optimizer.generator.lr", SpecLoader.parseValue("0.01"))
                .with("generator.hidden", SpecLoader.parseValue("[4, 4]"));
        ExperimentSpec spec = ExperimentSpec.from(doc);
        assertThat(spec.generatorOptimizer().params()).containsEntry("lr", 0.01);
        assertThat(spec.generator().params()).containsEntry("hidden", List.of(4, 4));
        assertThat(doc.error("optimizer.generator.lr", "x").getMessage()).isEqualTo("spec.yaml (--set): "
                + "optimizer.generator.lr: x");
    }

    @Test
    void invalidYamlAndDuplicateKeysAreLocated() {
        assertThatThrownBy(() -> parse("experiment: [unclosed\n"))
                .hasMessageStartingWith("spec.yaml:2:1: invalid YAML");
        assertThatThrownBy(() -> parse("experiment: a\nexperiment: b\n"))
                .hasMessageContaining("invalid YAML").hasMessageContaining("duplicate key");
    }

    @Test
    void epochsAndStepsAreExclusive() {
        String text = VALID.replace("steps: 10", "steps: 10\n  epochs: 2");
        assertThatThrownBy(() -> ExperimentSpec.from(parse(text)))
                .hasMessageContaining("set exactly one of training.epochs and training.steps");
    }

    @Test
    void aYamlBombIsRefusedAtOnceNotExpanded() {
        // nine levels of five aliases: 5^10 values once expanded, 45 aliases (SnakeYAML allows 50), 400 bytes
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(5, prev))).append("]\n");
        }
        assertThatThrownBy(() -> parse(bomb.toString())).isInstanceOf(SpecException.class)
                .hasMessage("spec.yaml: the spec expands to more than 100000 values; are YAML anchors (&a) and "
                        + "aliases (*a) nested inside each other?");
        // an anchor that contains its own alias: endless, not a stack overflow
        assertThatThrownBy(() -> parse("experiment: t\nloop: &x [1, *x]\n")).isInstanceOf(SpecException.class)
                .hasMessageContaining("the spec expands to more than 100000 values");
    }

    @Test
    void specsThatAreNotTextOrTooBigSayWhat(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        java.nio.file.Files.write(latin1, "experiment: t\nrun_name: caf\u00e9\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new SpecLoader().load(latin1))
                .hasMessage("latin1.yaml:2: not UTF-8 text (byte 27 is 0xe9); save the spec as UTF-8");
        Path big = dir.resolve("big.yaml");
        java.nio.file.Files.writeString(big, "experiment: " + "x".repeat(2 << 20));
        assertThatThrownBy(() -> new SpecLoader().load(big)).hasMessage(big + ": 2097164 bytes; a spec may have at "
                + "most 1048576 (data belongs in a dataset, not in the spec)");
    }
}

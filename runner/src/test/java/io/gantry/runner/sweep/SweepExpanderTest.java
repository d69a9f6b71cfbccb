package io.gantry.runner.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runner.spec.ExperimentSpec;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepExpanderTest {
    private static final String BASE = """
            experiment: s
            seed: 10
            dataset: {type: mnist}
            generator: {type: mlp}
            discriminator: {type: mlp}
            loss: {type: minimax}
            optimizer:
              generator: {type: adam, lr: 0.001}
              discriminator: {type: adam}
            noise: {type: uniform}
            training: {steps: 10}
            """;

    private static SpecDocument parse(String sweep) {
        return new SpecLoader().parse(Path.of("s.yaml"), BASE + sweep);
    }

    private static List<Trial> expand(SpecDocument doc) {
        return new SweepExpander().expand(doc, SweepSpec.from(doc));
    }

    @Test
    void gridIsTheCartesianProductFirstAxisSlowest() {
        List<Trial> trials = expand(parse("""
                sweep:
                  grid:
                    noise.type: [uniform, normal]
                    optimizer.generator.lr: [0.001, 0.0002, 0.01]
                """));
        assertThat(trials).extracting(Trial::label).containsExactly(
                "type=uniform,lr=0.001", "type=uniform,lr=0.0002", "type=uniform,lr=0.01",
                "type=normal,lr=0.001", "type=normal,lr=0.0002", "type=normal,lr=0.01");
        ExperimentSpec fifth = ExperimentSpec.from(trials.get(4).document());
        assertThat(fifth.noise().type()).isEqualTo("normal");
        assertThat(fifth.generatorOptimizer().params()).containsEntry("lr", 0.0002);
        assertThat(fifth.document().get("sweep")).isNull();
    }

    @Test
    void valuesMayBeWholeComponentBlocks() {
        List<Trial> trials = expand(parse("""
                sweep:
                  grid:
                    optimizer.generator:
                      - {type: sgd, lr: 0.01}
                      - {type: adam, lr: 0.0002, beta1: 0.5}
                """));
        assertThat(trials).extracting(Trial::label).containsExactly("generator=sgd", "generator=adam");
        ExperimentSpec adam = ExperimentSpec.from(trials.get(1).document());
        assertThat(adam.generatorOptimizer().type()).isEqualTo("adam");
        assertThat(adam.generatorOptimizer().params()).isEqualTo(Map.of("lr", 0.0002, "beta1", 0.5));
        // the discriminator's optimizer is not touched
        assertThat(adam.discriminatorOptimizer().type()).isEqualTo("adam");
        assertThat(ExperimentSpec.from(trials.get(0).document()).generatorOptimizer().params())
                .isEqualTo(Map.of("lr", 0.01));
    }

    @Test
    void randomSearchIsReproducibleFromItsSeedAndStaysInRange() {
        String sweep = """
                sweep:
                  random:
                    trials: 5
                    seed: 3
                    params:
                      optimizer.generator.lr: {loguniform: [0.0001, 0.01]}
                      training.batch_size: {choice: [16, 32]}
                      generator.leaky_alpha: {uniform: [0.1, 0.3]}
                      noise.high: {int: [1, 3]}
                """;
        List<Trial> a = expand(parse(sweep));
        List<Trial> b = expand(parse(sweep));
        assertThat(a).hasSize(5);
        assertThat(a).extracting(Trial::values).isEqualTo(b.stream().map(Trial::values).toList());
        assertThat(a).extracting(t -> (Double) t.values().get("optimizer.generator.lr")).allSatisfy(
                lr -> assertThat(lr).isBetween(1e-4, 1e-2));
        assertThat(a).extracting(t -> t.values().get("training.batch_size")).allSatisfy(
                bs -> assertThat(bs).isIn(16, 32));
        assertThat(a).extracting(t -> t.values().get("noise.high")).allSatisfy(h -> assertThat(h).isIn(1, 2, 3));
        assertThat(a.stream().map(t -> t.values().get("optimizer.generator.lr")).distinct()).hasSize(5);
        List<Trial> other = expand(parse(sweep.replace("seed: 3", "seed: 4")));
        assertThat(other.get(0).values()).isNotEqualTo(a.get(0).values());
    }

    @Test
    void repeatsGiveEachCellSuccessiveSeeds() {
        List<Trial> trials = expand(parse("""
                sweep:
                  grid:
                    noise.type: [uniform, normal]
                  repeats: 3
                """));
        assertThat(trials).hasSize(6);
        assertThat(trials).extracting(t -> ExperimentSpec.from(t.document()).seed())
                .containsExactly(10L, 11L, 12L, 10L, 11L, 12L);
        assertThat(trials.get(4).label()).isEqualTo("type=normal,seed=11");
    }

    @Test
    void badSweepBlocksAreLocated() {
        assertThatThrownBy(() -> SweepSpec.from(parse("sweep:\n  grid:\n    noise.type: uniform\n")))
                .hasMessageStartingWith("s.yaml:14:5: sweep.grid.noise.type: expected a non-empty list");
        assertThatThrownBy(() -> SweepSpec.from(parse(
                "sweep:\n  random:\n    trials: 2\n    params:\n      seed: {normal: [0, 1]}\n")))
                .hasMessageContaining("sweep.random.params.seed: unknown distribution 'normal'");
        assertThatThrownBy(() -> SweepSpec.from(parse("sweep:\n  grids: {}\n")))
                .hasMessageContaining("sweep.grids: unknown key");
    }

    @Test
    void commandLineAxisValues() {
        assertThat(io.gantry.runner.cli.RunCommandAccess.axisValues("uniform,normal")).containsExactly("uniform", "normal");
        assertThat(io.gantry.runner.cli.RunCommandAccess.axisValues("0.1, 0.2")).containsExactly(0.1, 0.2);
        assertThat(io.gantry.runner.cli.RunCommandAccess.axisValues("[{type: sgd}, {type: adam, lr: 0.1}]"))
                .containsExactly(Map.of("type", "sgd"), Map.of("type", "adam", "lr", 0.1));
    }
}

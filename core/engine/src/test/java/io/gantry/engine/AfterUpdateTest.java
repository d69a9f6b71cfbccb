package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.AfterUpdateStep;
import io.gantry.api.NetworkParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** After-update steps run after each update of their network, and weights they keep are what samples show. */
class AfterUpdateTest {

    /** Records the iterations it saw and keeps the weights of the first update (a frozen "average"). */
    static final class FirstWeights implements AfterUpdateStep {
        final List<Long> iterations = new ArrayList<>();
        INDArray kept;

        @Override
        public void apply(NetworkParameters parameters, long iteration) {
            iterations.add(iteration);
            if (kept == null) {
                kept = parameters.all().dup();
            }
            assertThat(parameters.trainable()).isNotEmpty().allSatisfy((name, array) ->
                    assertThat(name).doesNotEndWith("_mean").doesNotEndWith("_var"));
        }

        @Override
        public INDArray samplingWeights() {
            return kept;
        }

        @Override
        public INDArray state() {
            return kept == null ? null : kept.dup();
        }

        @Override
        public void restore(INDArray state) {
            kept = state.dup();
        }
    }

    @Test
    void stepsSeeEveryUpdateOfTheirNetworkAndSamplesComeFromTheKeptWeights() {
        GanNetworks nets = TinyGan.networks(6, true);
        FirstWeights g = new FirstWeights();
        FirstWeights d = new FirstWeights();
        GanTrainer trainer = TinyGan.trainer(nets, new ArrayList<>(), 5).afterUpdates(List.of(g), List.of(d));
        trainer.train(() -> false);
        assertThat(g.iterations).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(d.iterations).containsExactly(0L, 1L, 2L, 3L, 4L);

        INDArray own = nets.generator().params().dup();
        float[] fromKept = trainer.samples().pixels();
        assertThat(nets.generator().params()).as("G's own weights are back after sampling").isEqualTo(own);
        GanTrainer plain = TinyGan.trainer(nets, new ArrayList<>(), 5); // same seed: the same grid noise
        float[] fromOwn = plain.samples().pixels();
        nets.generator().params().assign(g.kept);
        float[] direct = plain.samples().pixels();
        assertThat(fromKept).containsExactly(direct);
        assertThat(fromKept).isNotEqualTo(fromOwn);

        TrainerState state = trainer.state();
        assertThat(state.afterUpdateStates()).hasSize(2);
        assertThat(state.afterUpdateStates().get(0)).isEqualTo(g.kept);
    }
}

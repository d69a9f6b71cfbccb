package io.gantry.plugins.afterupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.AfterUpdateStep;
import io.gantry.api.NetworkParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AfterUpdateStepsTest {

    @Test
    void clippingClampsTrainableParametersOnlyAndWritesThrough() {
        INDArray all = Nd4j.create(new double[] {-0.5, 0.003, 0.2, -0.004, 7.0}, new long[] {5}, 'c');
        INDArray weights = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
        var clip = new ClipWeights();
        AfterUpdateStep step = clip.create(clip.parameters().bind(Map.of("bound", 0.01)));

        step.apply(new NetworkParameters(all, Map.of("0_W", weights)), 0);

        assertThat(all.toDoubleVector()).containsExactly(-0.01, 0.003, 0.01, -0.004, 7.0);
    }

    @Test
    void emaFollowsTheTextbookRecurrenceAfterItsStart() {
        var ema = new ExponentialMovingAverage();
        AfterUpdateStep step = ema.create(ema.parameters().bind(Map.of("decay", 0.9, "start", 1)));
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 2);
        double[][] sequence = {{1, 10}, {2, 20}, {4, 40}, {8, 80}};
        for (int i = 0; i < sequence.length; i++) {
            w.assign(Nd4j.createFromArray(sequence[i]));
            step.apply(new NetworkParameters(w, Map.of()), i);
        }
        // iterations 0 and 1 (< start 1 only for 0): copy of {1,10}; then {2,20} -> 0.9*1 + 0.1*2 = 1.1;
        // {4,40} -> 0.9*1.1 + 0.4 = 1.39; {8,80} -> 0.9*1.39 + 0.8 = 2.051
        assertThat(step.samplingWeights().getDouble(0)).isCloseTo(2.051, within(1e-12));
        assertThat(step.samplingWeights().getDouble(1)).isCloseTo(20.51, within(1e-12));
        assertThat(w.getDouble(0)).as("the network's own weights are untouched").isEqualTo(8.0);

        AfterUpdateStep resumed = ema.create(ema.parameters().bind(Map.of("decay", 0.9, "start", 1)));
        resumed.restore(step.state());
        w.assign(Nd4j.createFromArray(16.0, 160.0));
        step.apply(new NetworkParameters(w, Map.of()), 4);
        resumed.apply(new NetworkParameters(w, Map.of()), 4);
        assertThat(resumed.samplingWeights()).isEqualTo(step.samplingWeights());

        AfterUpdateStep kept = ema.create(ema.parameters().bind(Map.of("use_for_sampling", false)));
        kept.apply(new NetworkParameters(w, Map.of()), 0);
        assertThat(kept.samplingWeights()).isNull();
        assertThat(kept.state()).isEqualTo(w);
    }
}

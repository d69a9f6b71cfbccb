package io.gantry.plugins.afterupdate;

import io.gantry.api.AfterUpdate;
import io.gantry.api.AfterUpdateStep;
import io.gantry.api.NetworkParameters;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * An exponential moving average of a network's weights (Yazici et al. 2019; what BigGAN and StyleGAN
 * sample from): after every update, ema = decay * ema + (1 - decay) * weights, over every parameter
 * including batch norm's running statistics, as BigGAN's {@code ema} does over the state dict. Until
 * {@code start} updates have been made, ema simply follows the weights.
 */
@Extension
public class ExponentialMovingAverage implements AfterUpdate {
    @Override
    public String name() {
        return "ema";
    }

    @Override
    public String description() {
        return "exponential moving average of the weights; samples and quality metrics use it (G)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("decay", 0.999, 0.0, 1.0, "weight of the old average in each update (BigGAN: 0.9999)")
                .integer("start", 0, 0, null, "updates before averaging starts; until then the average is a copy")
                .bool("use_for_sampling", true, "sample grids and quality metrics from the average")
                .build();
    }

    @Override
    public AfterUpdateStep create(Params params) {
        return new Average(params.getDouble("decay"), params.getInt("start"), params.getBoolean("use_for_sampling"));
    }

    static final class Average implements AfterUpdateStep {
        private final double decay;
        private final int start;
        private final boolean forSampling;
        private INDArray average;

        Average(double decay, int start, boolean forSampling) {
            this.decay = decay;
            this.start = start;
            this.forSampling = forSampling;
        }

        @Override
        public void apply(NetworkParameters parameters, long iteration) {
            INDArray weights = parameters.all();
            if (average == null || iteration < start) {
                average = weights.dup();
                return;
            }
            average.muli(decay).addi(weights.mul(1 - decay));
        }

        @Override
        public INDArray samplingWeights() {
            return forSampling ? average : null;
        }

        /** The average itself, whatever {@code use_for_sampling} says. */
        INDArray average() {
            return average;
        }

        @Override
        public INDArray state() {
            return average == null ? null : average.dup();
        }

        @Override
        public void restore(INDArray state) {
            average = state.dup();
        }
    }
}

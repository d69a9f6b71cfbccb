package io.gantry.plugins.noise;

import io.gantry.api.NoiseDistribution;
import io.gantry.api.NoiseSampler;
import io.gantry.api.ParameterSchema;
import io.gantry.api.FloatBatch;
import io.gantry.api.Params;
import org.pf4j.Extension;

@Extension
public class UniformNoise implements NoiseDistribution {
    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "uniform on [low, high)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("low", -1.0, null, null, "lower bound")
                .number("high", 1.0, null, null, "upper bound (exclusive), must exceed low")
                .build();
    }

    @Override
    public NoiseSampler create(Params params) {
        double low = params.getDouble("low");
        double high = params.getDouble("high");
        if (!(high > low)) {
            throw new io.gantry.api.InvalidParameterException("high",
                    "parameter 'high' (" + high + ") must be greater than 'low' (" + low + ")");
        }
        return (batch, dim, rng) -> {
            float[] values = new float[batch * dim];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rng.nextDouble(low, high);
            }
            return FloatBatch.rowMajor(values, batch, dim);
        };
    }
}

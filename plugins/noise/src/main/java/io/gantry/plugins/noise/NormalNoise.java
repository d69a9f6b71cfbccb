package io.gantry.plugins.noise;

import io.gantry.api.NoiseDistribution;
import io.gantry.api.NoiseSampler;
import io.gantry.api.ParameterSchema;
import io.gantry.api.FloatBatch;
import io.gantry.api.Params;
import org.pf4j.Extension;

@Extension
public class NormalNoise implements NoiseDistribution {
    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "Gaussian N(mean, std^2)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("mean", 0.0, null, null, "mean")
                .number("std", 1.0, 0.0, null, "standard deviation")
                .build();
    }

    @Override
    public NoiseSampler create(Params params) {
        double mean = params.getDouble("mean");
        double std = params.getDouble("std");
        return (batch, dim, rng) -> {
            float[] values = new float[batch * dim];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (mean + std * rng.nextGaussian());
            }
            return FloatBatch.rowMajor(values, batch, dim);
        };
    }
}

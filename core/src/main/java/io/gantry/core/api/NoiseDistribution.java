package io.gantry.core.api;

import io.gantry.core.param.Params;

/** Extension point for latent noise (uniform, normal, ...). */
public interface NoiseDistribution extends Component {
    NoiseSampler create(Params params);
}

package io.gantry.api;

import io.gantry.api.Params;

/** Extension point for latent noise (uniform, normal, ...). */
public interface NoiseDistribution extends Component {
    NoiseSampler create(Params params);
}

package io.gantry.api;

import io.gantry.api.Params;
/**
 * Builds the discriminator network, a layer stack or a graph ({@link Network}). Input: NCHW images
 * {@code [batch, c, h, w]}. Output: one raw logit per image, {@code [batch, 1]}, from an ordinary
 * (identity) layer: the adversarial loss component, not the network, turns logits into a loss. The
 * engine takes its input gradient to train the generator, with D's parameters untouched.
 */
public interface DiscriminatorArchitecture extends Component {
    Network build(Params params, ModelShape shape);
}

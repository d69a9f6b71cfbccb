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

    /**
     * Whether this architecture can be built for {@code conditioning}. By default it takes unconditional
     * and concatenated input ({@link Conditioning#NONE}, {@link Conditioning#CONCAT}); a projection
     * discriminator says {@link Conditioning#PROJECTION} instead. Validation refuses a spec that asks for
     * one this architecture does not take. Ways added in later versions are refused unless an
     * architecture names them. Since plugin API 2.2.
     */
    default boolean accepts(Conditioning conditioning) {
        return conditioning == Conditioning.NONE || conditioning == Conditioning.CONCAT;
    }
}

package io.gantry.api;

import io.gantry.api.Params;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Builds the discriminator network. Input: NCHW images {@code [batch, c, h, w]}. Output: one raw
 * logit per image, {@code [batch, 1]}, from an ordinary (identity) layer: the adversarial loss
 * component, not the network, turns logits into a loss. It must be a MultiLayerNetwork because the
 * engine needs its input gradient to train the generator.
 */
public interface DiscriminatorArchitecture extends Component {
    MultiLayerNetwork build(Params params, ModelShape shape);
}

package io.gantry.api;

import io.gantry.api.Params;
/**
 * Builds the generator network, a layer stack or a graph ({@link Network}). Input: a latent batch
 * {@code [batch, latentDim]}. Output: images, either NCHW {@code [batch, c, h, w]} or flat
 * {@code [batch, c*h*w]}, in the model's pixel range. The last layer is an ordinary layer, not an
 * output layer: the engine feeds it the gradient that came back through the discriminator.
 */
public interface GeneratorArchitecture extends Component {
    Network build(Params params, ModelShape shape);
}

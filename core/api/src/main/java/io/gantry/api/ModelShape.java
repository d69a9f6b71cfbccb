package io.gantry.api;

/**
 * What an architecture is built for: the latent size the generator takes, the images it makes and
 * the discriminator reads, and the seed for weight initialisation.
 */
public record ModelShape(int latentDim, ImageShape image, PixelRange pixelRange, long seed) {
}

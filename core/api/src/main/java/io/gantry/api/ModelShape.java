package io.gantry.api;

/**
 * What an architecture is built for: the latent size the generator takes, the images it makes and
 * the discriminator reads, and the seed for weight initialisation.
 *
 * <p>In a class-conditional run, {@code classes} is the number of classes K (0 otherwise), and the
 * sizes already include the condition: the generator's {@code latentDim} counts the K one-hot inputs
 * after the noise, the discriminator's {@code image} the K label channels after the image's own.
 * {@code classes} since plugin API 2.2.
 */
public record ModelShape(int latentDim, ImageShape image, PixelRange pixelRange, long seed, int classes) {

    public ModelShape {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be >= 0, got " + classes);
        }
    }

    /** An unconditional shape; the constructor of plugin API 2.0 and 2.1. */
    public ModelShape(int latentDim, ImageShape image, PixelRange pixelRange, long seed) {
        this(latentDim, image, pixelRange, seed, 0);
    }

    /** The channels of the images themselves: the discriminator's input channels without the label channels. */
    public int imageChannels() {
        return image.channels() - classes;
    }
}

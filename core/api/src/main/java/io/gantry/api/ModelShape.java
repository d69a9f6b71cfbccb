package io.gantry.api;

/**
 * What an architecture is built for: the latent size the generator takes, the images it makes and
 * the discriminator reads, and the seed for weight initialisation.
 *
 * <p>In a class-conditional run, {@code classes} is the number of classes K (0 otherwise) and
 * {@code conditioning} says how the class reaches D. The sizes already include the condition: the
 * generator's {@code latentDim} counts the K one-hot inputs after the noise; the discriminator's
 * {@code image} counts {@link #labelChannels()} label channels after the image's own, and it outputs
 * {@link #criticOutputs()} numbers per image. {@code classes} and {@code conditioning} since plugin API 2.2.
 */
public record ModelShape(int latentDim, ImageShape image, PixelRange pixelRange, long seed, int classes,
                         Conditioning conditioning) {

    public ModelShape {
        java.util.Objects.requireNonNull(conditioning, "conditioning");
        if (classes < 0 || (classes == 0) != (conditioning == Conditioning.NONE)) {
            throw new IllegalArgumentException("a conditional shape has classes >= 1, an unconditional one 0; got "
                    + classes + " classes with conditioning " + conditioning);
        }
    }

    /** An unconditional shape; the constructor of plugin API 2.0 and 2.1. */
    public ModelShape(int latentDim, ImageShape image, PixelRange pixelRange, long seed) {
        this(latentDim, image, pixelRange, seed, 0, Conditioning.NONE);
    }

    /**
     * The channels after the image's own in the discriminator's input, one constant map per class
     * ({@link Conditioning#CONCAT}, {@link Conditioning#PROJECTION}); 0 otherwise.
     */
    public int labelChannels() {
        return conditioning == Conditioning.CONCAT || conditioning == Conditioning.PROJECTION ? classes : 0;
    }

    /** The numbers the discriminator outputs per image: 1 logit, plus one per class for {@link Conditioning#AUXILIARY}. */
    public int criticOutputs() {
        return conditioning == Conditioning.AUXILIARY ? 1 + classes : 1;
    }
}

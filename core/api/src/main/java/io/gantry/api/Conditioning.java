package io.gantry.api;

/**
 * How a class label reaches the discriminator in a class-conditional run (the spec's
 * {@code conditioning.type}). The generator reads it the same way in every case: its noise with the
 * class one-hot after it. Since plugin API 2.2.
 */
public enum Conditioning {
    /** Not conditional: D reads images only. */
    NONE,
    /**
     * D reads the image with one constant channel per class after its own (Mirza and Osindero 2014):
     * any architecture takes it, built for {@code channels + classes} input channels.
     */
    CONCAT,
    /**
     * The same input as {@link #CONCAT}, which the discriminator splits itself: it reads the image alone
     * into features {@code phi(x)} and adds the projection {@code embed(y) . phi(x)} to its logit (Miyato
     * and Koyama 2018). Only an architecture written that way takes it.
     */
    PROJECTION,
    /**
     * D reads the image alone and outputs {@code 1 + classes} numbers per image: the adversarial logit,
     * then one logit per class; the engine adds a cross-entropy term on those class logits to D's loss
     * (real and fake images, their true and asked classes) and to G's (its fakes and the asked classes),
     * as the auxiliary-classifier GAN does (AC-GAN, Odena et al. 2017). An architecture that takes it
     * builds that wider last layer.
     */
    AUXILIARY
}

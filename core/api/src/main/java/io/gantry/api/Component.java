package io.gantry.api;

import io.gantry.api.ParameterSchema;
import org.pf4j.ExtensionPoint;

/**
 * What every pluggable piece of a GAN has: a short name the spec refers to, a description, and the
 * parameters it accepts. The engine validates a spec's parameter map against {@link #parameters()}
 * before any training starts.
 */
public interface Component extends ExtensionPoint {

    /** The short name a spec uses, e.g. {@code adam}, {@code uniform}, {@code dcgan}. */
    String name();

    /** One line for {@code gantry plugins}. */
    String description();

    ParameterSchema parameters();
}

package io.gantry.kernels;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Which of DL4J's activations Gantry runs with its faster equivalents. */
public final class VectorActivations {

    private VectorActivations() {
    }

    /**
     * {@code fn} itself, or its equivalent where {@code fn} is exactly DL4J's leaky ReLU, tanh or plain
     * ReLU (no threshold, slope or cap); a subclass may mean more, and is left alone.
     */
    public static IActivation inPlaceOf(IActivation fn) {
        if (fn == null) {
            return null;
        }
        if (fn.getClass() == ActivationLReLU.class) {
            return new VectorLeakyReLU(((ActivationLReLU) fn).getAlpha());
        }
        if (fn.getClass() == ActivationTanH.class) {
            return new VectorTanh();
        }
        if (fn.getClass() == ActivationReLU.class) {
            ActivationReLU relu = (ActivationReLU) fn;
            if (relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null) {
                return new VectorReLU();
            }
        }
        return fn;
    }
}

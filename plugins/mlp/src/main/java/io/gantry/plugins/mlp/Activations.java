package io.gantry.plugins.mlp;

import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The activation names a spec may use, mapped to DL4J activations. */
final class Activations {
    static final List<String> HIDDEN = List.of("leakyrelu", "relu", "tanh", "sigmoid");
    static final List<String> OUTPUT = List.of("tanh", "sigmoid", "identity");

    private Activations() {
    }

    static IActivation of(String name, double leakyAlpha) {
        return switch (name) {
            case "leakyrelu" -> new ActivationLReLU(leakyAlpha);
            case "relu" -> new ActivationReLU();
            case "tanh" -> new ActivationTanH();
            case "sigmoid" -> new ActivationSigmoid();
            case "identity" -> new ActivationIdentity();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}

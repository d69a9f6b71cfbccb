package io.gantry.api;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's parameters as views (writing to them writes to the network): {@code all} is the flat
 * vector of every parameter, batch-norm statistics included; {@code trainable} the arrays the
 * optimizer updates, by DL4J's parameter name ({@code 0_W}, {@code conv1_b}, ...).
 */
public record NetworkParameters(INDArray all, Map<String, INDArray> trainable) {
    public NetworkParameters {
        trainable = Map.copyOf(trainable);
    }
}

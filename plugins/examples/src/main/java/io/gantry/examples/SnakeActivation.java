package io.gantry.examples;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Snake, x + sin^2(a x) / a (Liu Ziyin et al. 2020, used by BigVGAN's generator): periodic and
 * monotone. A custom DL4J activation that lives only in this plugin jar, so restoring a saved model
 * that uses it needs the plugin's class loader.
 */
public class SnakeActivation extends BaseActivationFunction {
    private double alpha = 1.0;

    public SnakeActivation() {
        // for Jackson
    }

    public SnakeActivation(@JsonProperty("alpha") double alpha) {
        this.alpha = alpha;
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray s = Transforms.sin(in.mul(alpha), false);
        in.addi(s.muli(s).divi(alpha));
        return in;
    }

    /** d/dx = 1 + sin(2 a x). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray d = Transforms.sin(in.mul(2 * alpha), false).addi(1.0);
        in.assign(d.muli(epsilon));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnakeActivation s && s.alpha == alpha;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "snake(" + alpha + ")";
    }
}

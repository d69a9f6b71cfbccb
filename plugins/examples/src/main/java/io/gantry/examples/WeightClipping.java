package io.gantry.examples;

import java.util.Collections;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * WGAN's weight clipping (Arjovsky et al. 2017) as a DL4J constraint: every constrained parameter is
 * clamped to [-bound, bound] after each update. DL4J has no such constraint class; a plugin can bring
 * its own, and Gantry applies it as DL4J's fit() would.
 */
public class WeightClipping extends BaseConstraint {
    private double bound;

    /** For Jackson, which reads the constraint back from a saved model's configuration. */
    public WeightClipping() {
        super(Collections.emptySet());
    }

    public WeightClipping(double bound) {
        super(Collections.emptySet());
        this.bound = bound;
    }

    public double getBound() {
        return bound;
    }

    public void setBound(double bound) {
        this.bound = bound;
    }

    @Override
    public void apply(INDArray param) {
        BooleanIndexing.replaceWhere(param, bound, Conditions.greaterThan(bound));
        BooleanIndexing.replaceWhere(param, -bound, Conditions.lessThan(-bound));
    }

    @Override
    public WeightClipping clone() {
        return new WeightClipping(bound);
    }
}

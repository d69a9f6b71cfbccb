package io.gantry.plugins.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.GanLoss;
import io.gantry.core.api.GanLoss.LossGradient;
import io.gantry.core.param.ParameterSchema;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private static final INDArray LOGITS = Nd4j.create(new double[] {-3.0, -0.5, 0.0, 0.7, 2.5}, new long[] {5, 1},
            DataType.DOUBLE);

    private static GanLoss create(AdversarialLoss l) {
        return l.create(ParameterSchema.empty().bind(Map.of()));
    }

    @Test
    void valuesMatchTheTextbookFormulas() {
        GanLoss ns = create(new NonSaturatingLoss());
        GanLoss mm = create(new MinimaxLoss());
        double realTerm = 0;
        double fakeTerm = 0;
        double nsG = 0;
        for (int i = 0; i < 5; i++) {
            double d = 1 / (1 + Math.exp(-LOGITS.getDouble(i)));
            realTerm += -Math.log(d) / 5;
            fakeTerm += -Math.log(1 - d) / 5;
            nsG += -Math.log(d) / 5;
        }
        assertThat(ns.discriminatorReal(LOGITS).loss()).isCloseTo(realTerm, within(1e-9));
        assertThat(ns.discriminatorFake(LOGITS).loss()).isCloseTo(fakeTerm, within(1e-9));
        assertThat(ns.generator(LOGITS).loss()).isCloseTo(nsG, within(1e-9));
        // minimax: G minimises E[log(1 - D(G(z)))], the negative of D's fake term
        assertThat(mm.generator(LOGITS).loss()).isCloseTo(-fakeTerm, within(1e-9));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (AdversarialLoss l : new AdversarialLoss[] {new NonSaturatingLoss(), new MinimaxLoss(),
                new EpsilonLogLoss(), new KerasBinaryCrossEntropyLoss()}) {
            GanLoss loss = l.create(l.parameters().bind(Map.of()));
            check(loss::discriminatorReal);
            check(loss::discriminatorFake);
            check(loss::generator);
        }
    }

    private static void check(Function<INDArray, LossGradient> term) {
        INDArray grad = term.apply(LOGITS.dup()).dLogits();
        for (int i = 0; i < LOGITS.length(); i++) {
            INDArray plus = LOGITS.dup();
            INDArray minus = LOGITS.dup();
            plus.putScalar(i, plus.getDouble(i) + 1e-6);
            minus.putScalar(i, minus.getDouble(i) - 1e-6);
            double numeric = (term.apply(plus).loss() - term.apply(minus).loss()) / 2e-6;
            assertThat(grad.getDouble(i)).isCloseTo(numeric, within(1e-7));
        }
    }

    @Test
    void epsilonLogLossIsSeed000sFormula() {
        var l = new EpsilonLogLoss();
        GanLoss loss = l.create(l.parameters().bind(Map.of("epsilon", 1e-3)));
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            double d = 1 / (1 + Math.exp(-LOGITS.getDouble(i)));
            expected += -Math.log(1 - d + 1e-3) / 5;
        }
        assertThat(loss.discriminatorFake(LOGITS).loss()).isCloseTo(expected, within(1e-9));
        // A saturated D no longer gives -log(0): the epsilon caps the loss near -log(eps).
        INDArray sure = Nd4j.create(new double[] {-200}, new long[] {1, 1}, DataType.DOUBLE);
        assertThat(loss.generator(sure).loss()).isCloseTo(-Math.log(1e-3), within(1e-6));
    }

    @Test
    void kerasBceClipsProbabilitiesAndStopsTheGradientThere() {
        var l = new KerasBinaryCrossEntropyLoss();
        GanLoss loss = l.create(l.parameters().bind(Map.of()));
        INDArray x = Nd4j.create(new double[] {-30, 0.3, 30}, new long[] {3, 1}, DataType.DOUBLE);
        LossGradient g = loss.generator(x);
        // -log(1e-7) for the clipped -30, softplus(-0.3) for 0.3, -log(1 - 1e-7) for 30; mean of three
        double expected = (-Math.log(1e-7) + Math.log1p(Math.exp(-0.3)) - Math.log(1 - 1e-7)) / 3;
        assertThat(g.loss()).isCloseTo(expected, within(1e-6));
        assertThat(g.dLogits().getDouble(0)).isZero();
        assertThat(g.dLogits().getDouble(1)).isCloseTo((1 / (1 + Math.exp(-0.3)) - 1) / 3, within(1e-9));
        assertThat(g.dLogits().getDouble(2)).isZero();
    }

    @Test
    void largeLogitsGiveFiniteLossesAndNonVanishingGeneratorGradient() {
        INDArray saturated = Nd4j.create(new float[] {-80f, 80f}, new long[] {2, 1});
        GanLoss ns = create(new NonSaturatingLoss());
        assertThat(ns.discriminatorReal(saturated).loss()).isCloseTo(40.0, within(1e-3));
        assertThat(ns.discriminatorFake(saturated).loss()).isCloseTo(40.0, within(1e-3));
        // D is sure the fake at -80 is fake: the non-saturating G still gets a full-size gradient.
        assertThat(ns.generator(saturated).dLogits().getDouble(0)).isCloseTo(-0.5, within(1e-6));
    }
}

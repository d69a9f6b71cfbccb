package io.gantry.plugins.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.GanLoss;
import io.gantry.api.GanLoss.Term;
import io.gantry.api.SeparableLoss;
import io.gantry.api.CriticReadout;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import io.gantry.api.ParameterSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private static final INDArray LOGITS = Nd4j.create(new double[] {-3.0, -0.5, 0.0, 0.7, 2.5}, new long[] {5, 1},
            DataType.DOUBLE);

    private static SeparableLoss create(AdversarialLoss l) {
        return (SeparableLoss) l.create(l.parameters().bind(Map.of()));
    }

    private static final List<AdversarialLoss> ALL = List.of(new NonSaturatingLoss(), new MinimaxLoss(),
            new EpsilonLogLoss(), new KerasBinaryCrossEntropyLoss(), new LeastSquaresLoss(), new HingeLoss(),
            new WassersteinLoss(), new RelativisticAverageLoss(), new RelativisticAverageLeastSquaresLoss());

    @Test
    void valuesMatchTheTextbookFormulas() {
        SeparableLoss ns = create(new NonSaturatingLoss());
        SeparableLoss mm = create(new MinimaxLoss());
        double realTerm = 0;
        double fakeTerm = 0;
        double nsG = 0;
        for (int i = 0; i < 5; i++) {
            double d = 1 / (1 + Math.exp(-LOGITS.getDouble(i)));
            realTerm += -Math.log(d) / 5;
            fakeTerm += -Math.log(1 - d) / 5;
            nsG += -Math.log(d) / 5;
        }
        assertThat(ns.real(LOGITS).loss()).isCloseTo(realTerm, within(1e-9));
        assertThat(ns.fake(LOGITS).loss()).isCloseTo(fakeTerm, within(1e-9));
        assertThat(ns.generator(LOGITS).loss()).isCloseTo(nsG, within(1e-9));
        // minimax: G minimises E[log(1 - D(G(z)))], the negative of D's fake term
        assertThat(mm.generator(LOGITS).loss()).isCloseTo(-fakeTerm, within(1e-9));
    }

    /** Every loss, both sides, with respect to every real and every fake logit, on random logits. */
    @Test
    void gradientsMatchFiniteDifferences() {
        Random random = new Random(17);
        for (AdversarialLoss l : ALL) {
            GanLoss loss = l.create(l.parameters().bind(Map.of()));
            for (int trial = 0; trial < 5; trial++) {
                INDArray real = logits(random, 5);
                INDArray fake = logits(random, 7);
                check(l.name() + " D", loss::discriminator, real, fake, true);
                check(l.name() + " G", (r, f) -> loss.generator(f, r), real, fake, loss.generatorReadsReal());
            }
        }
    }

    private static INDArray logits(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian() * 2.5;
        }
        return Nd4j.create(v, new long[] {n, 1}, DataType.DOUBLE);
    }

    /** Central differences in each logit of both batches; {@code withReal}: the real side's gradient is given. */
    private static void check(String what, BiFunction<INDArray, INDArray, GanLoss.Gradients> loss, INDArray real,
                              INDArray fake, boolean withReal) {
        GanLoss.Gradients analytic = loss.apply(real, fake);
        for (boolean side : new boolean[] {true, false}) {
            INDArray x = side ? real : fake;
            INDArray grad = side ? analytic.dReal() : analytic.dFake();
            if (side && !withReal) {
                continue;
            }
            for (int i = 0; i < x.length(); i++) {
                double orig = x.getDouble(i);
                x.putScalar(i, orig + 1e-6);
                double plus = loss.apply(real, fake).loss();
                x.putScalar(i, orig - 1e-6);
                double minus = loss.apply(real, fake).loss();
                x.putScalar(i, orig);
                double numeric = (plus - minus) / 2e-6;
                assertThat(grad.getDouble(i)).as("%s d/d%s[%d]", what, side ? "real" : "fake", i)
                        .isCloseTo(numeric, within(1e-6));
            }
        }
    }

    @Test
    void scoreLossesMatchTheirPapersFormulas() {
        INDArray r = Nd4j.create(new double[] {2.0, -0.5, 0.25}, new long[] {3, 1}, DataType.DOUBLE);
        INDArray f = Nd4j.create(new double[] {-1.5, 0.5}, new long[] {2, 1}, DataType.DOUBLE);
        GanLoss hinge = create(new HingeLoss());
        // mean(max(0, 1 - r)) = (0 + 1.5 + 0.75) / 3; mean(max(0, 1 + f)) = (0 + 1.5) / 2
        assertThat(hinge.discriminator(r, f).loss()).isCloseTo(0.75 + 0.75, within(1e-12));
        assertThat(hinge.generator(f, null).loss()).isCloseTo(0.5, within(1e-12));
        GanLoss wgan = create(new WassersteinLoss());
        assertThat(wgan.discriminator(r, f).loss()).isCloseTo(-0.5 - 0.5833333333333334, within(1e-12));
        assertThat(wgan.generator(f, null).loss()).isCloseTo(0.5, within(1e-12));
        GanLoss ls = create(new LeastSquaresLoss());
        // 1/2 mean((r - 1)^2) + 1/2 mean(f^2); G: 1/2 mean((f - 1)^2)
        assertThat(ls.discriminator(r, f).loss()).isCloseTo(0.5 * (1 + 2.25 + 0.5625) / 3 + 0.5 * (2.25 + 0.25) / 2,
                within(1e-12));
        assertThat(ls.generator(f, null).loss()).isCloseTo(0.5 * (6.25 + 0.25) / 2, within(1e-12));
        for (GanLoss loss : List.of(hinge, wgan, ls)) {
            assertThat(loss.readout()).isEqualTo(CriticReadout.SCORE);
            assertThat(loss.generatorReadsReal()).isFalse();
        }
    }

    /** Jolicoeur-Martineau's reference code, written out for two real and two fake logits. */
    @Test
    void relativisticLossesMatchTheReferenceCode() {
        INDArray r = Nd4j.create(new double[] {1.0, 3.0}, new long[] {2, 1}, DataType.DOUBLE); // mean 2
        INDArray f = Nd4j.create(new double[] {-1.0, 0.0}, new long[] {2, 1}, DataType.DOUBLE); // mean -0.5
        GanLoss ra = new RelativisticAverageLoss().create(ParameterSchema.empty().bind(Map.of()));
        // errD = (BCE(r - mean f, 1) + BCE(f - mean r, 0)) / 2
        double errD = (softplus(-1.5) + softplus(-3.5)) / 2 / 2 + (softplus(-3.0) + softplus(-2.0)) / 2 / 2;
        assertThat(ra.discriminator(r, f).loss()).isCloseTo(errD, within(1e-12));
        // errG = (BCE(r - mean f, 0) + BCE(f - mean r, 1)) / 2
        double errG = (softplus(1.5) + softplus(3.5)) / 2 / 2 + (softplus(3.0) + softplus(2.0)) / 2 / 2;
        assertThat(ra.generator(f, r).loss()).isCloseTo(errG, within(1e-12));
        assertThat(ra.generatorReadsReal()).isTrue();

        GanLoss rals = new RelativisticAverageLeastSquaresLoss().create(ParameterSchema.empty().bind(Map.of()));
        // errD = (mean((r - mean f - 1)^2) + mean((f - mean r + 1)^2)) / 2
        double lsD = ((0.25 + 6.25) / 2 + (4.0 + 1.0) / 2) / 2;
        assertThat(rals.discriminator(r, f).loss()).isCloseTo(lsD, within(1e-12));
        // errG = (mean((r - mean f + 1)^2) + mean((f - mean r - 1)^2)) / 2
        double lsG = ((6.25 + 20.25) / 2 + (16.0 + 9.0) / 2) / 2;
        assertThat(rals.generator(f, r).loss()).isCloseTo(lsG, within(1e-12));
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void epsilonLogLossIsSeed000sFormula() {
        var l = new EpsilonLogLoss();
        SeparableLoss loss = (SeparableLoss) l.create(l.parameters().bind(Map.of("epsilon", 1e-3)));
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            double d = 1 / (1 + Math.exp(-LOGITS.getDouble(i)));
            expected += -Math.log(1 - d + 1e-3) / 5;
        }
        assertThat(loss.fake(LOGITS).loss()).isCloseTo(expected, within(1e-9));
        // A saturated D no longer gives -log(0): the epsilon caps the loss near -log(eps).
        INDArray sure = Nd4j.create(new double[] {-200}, new long[] {1, 1}, DataType.DOUBLE);
        assertThat(loss.generator(sure).loss()).isCloseTo(-Math.log(1e-3), within(1e-6));
    }

    @Test
    void kerasBceClipsProbabilitiesAndStopsTheGradientThere() {
        var l = new KerasBinaryCrossEntropyLoss();
        SeparableLoss loss = create(l);
        INDArray x = Nd4j.create(new double[] {-30, 0.3, 30}, new long[] {3, 1}, DataType.DOUBLE);
        Term g = loss.generator(x);
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
        SeparableLoss ns = create(new NonSaturatingLoss());
        assertThat(ns.real(saturated).loss()).isCloseTo(40.0, within(1e-3));
        assertThat(ns.fake(saturated).loss()).isCloseTo(40.0, within(1e-3));
        // D is sure the fake at -80 is fake: the non-saturating G still gets a full-size gradient.
        assertThat(ns.generator(saturated).dLogits().getDouble(0)).isCloseTo(-0.5, within(1e-6));
    }
}

package io.gantry.plugins.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.Conditioning;
import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.PixelRange;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The projection head computes psi(phi(x)) + embed(y) . phi(x), with phi reading the image channels only. */
class ProjectionDcganDiscriminatorTest {
    private static final int CLASSES = 10;
    /** D's input: one image channel and ten label channels. */
    private static final ModelShape SHAPE = new ModelShape(100, new ImageShape(1 + CLASSES, 28, 28), PixelRange.TANH,
            7, CLASSES, Conditioning.PROJECTION);

    private static ComputationGraph graph(DataType type) {
        var d = new ProjectionDcganDiscriminator();
        ComputationGraph built = ((Network.Graph) d.build(d.parameters().bind(Map.of("filters", 8, "features", 16)),
                SHAPE)).graph();
        var conf = built.getConfiguration();
        conf.setDataType(type);
        // plain arrays throughout, so the backward pass's gradients outlive it
        conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Images with their classes' constant channels after them, as LabelConditioning lays them out. */
    private static INDArray input(INDArray images, int[] y, DataType type) {
        INDArray maps = Nd4j.zeros(type, y.length, CLASSES, 28, 28);
        for (int i = 0; i < y.length; i++) {
            maps.get(NDArrayIndex.point(i), NDArrayIndex.point(y[i]), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
        }
        return Nd4j.concat(1, images.castTo(type), maps);
    }

    @Test
    void takesOnlyProjection() {
        var d = new ProjectionDcganDiscriminator();
        assertThat(d.accepts(Conditioning.PROJECTION)).isTrue();
        assertThat(d.accepts(Conditioning.CONCAT)).isFalse();
        assertThat(d.accepts(Conditioning.NONE)).isFalse();
        assertThat(new DcganDiscriminator().accepts(Conditioning.PROJECTION)).isFalse();
    }

    @Test
    void logitIsPsiPlusTheProjectionOfTheClassEmbedding() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.DOUBLE, 4, 1, 28, 28).muli(2).subi(1);
        int[] y = {0, 3, 7, 9};
        Map<String, INDArray> acts = graph.feedForward(input(images, y, DataType.DOUBLE), false);
        INDArray phi = acts.get("phi");
        INDArray psi = acts.get("psi");
        INDArray embed = graph.getParam("embed_W"); // [classes, features]
        INDArray logit = acts.get("logit");
        for (int i = 0; i < y.length; i++) {
            double projection = embed.getRow(y[i]).mul(phi.getRow(i)).sumNumber().doubleValue();
            assertThat(logit.getDouble(i, 0)).isCloseTo(psi.getDouble(i, 0) + projection, within(1e-9));
        }

        // Same images, other classes: phi (the image path) is unchanged, the logit moves by the embedding only.
        int[] other = {5, 5, 1, 2};
        Map<String, INDArray> acts2 = graph.feedForward(input(images, other, DataType.DOUBLE), false);
        assertThat(acts2.get("phi")).isEqualTo(phi);
        for (int i = 0; i < y.length; i++) {
            double moved = embed.getRow(other[i]).sub(embed.getRow(y[i])).mul(phi.getRow(i)).sumNumber().doubleValue();
            assertThat(acts2.get("logit").getDouble(i, 0) - logit.getDouble(i, 0)).isCloseTo(moved, within(1e-9));
        }
    }

    /** Backpropagated gradients of the summed logits against central differences, parameter by parameter. */
    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        INDArray x = input(Nd4j.rand(DataType.DOUBLE, 3, 1, 28, 28), new int[] {2, 4, 2}, DataType.DOUBLE);
        graph.feedForward(new INDArray[] {x}, true, false);
        graph.backpropGradient(Nd4j.ones(DataType.DOUBLE, 3, 1));
        Map<String, INDArray> gradients = graph.gradient().gradientForVariable();
        for (String name : new String[] {"embed_W", "psi_W", "phi_W", "conv1_W", "conv2_W"}) {
            INDArray param = graph.getParam(name);
            INDArray analytic = gradients.get(name);
            for (long j : new long[] {0, param.length() / 3, param.length() - 1}) {
                double original = param.getDouble(j);
                double h = 1e-5;
                param.putScalar(j, original + h);
                double up = graph.outputSingle(true, x).sumNumber().doubleValue();
                param.putScalar(j, original - h);
                double down = graph.outputSingle(true, x).sumNumber().doubleValue();
                param.putScalar(j, original);
                double numeric = (up - down) / (2 * h);
                assertThat(analytic.getDouble(j)).as(name + "[" + j + "]")
                        .isCloseTo(numeric, within(1e-5 + 1e-4 * Math.abs(numeric)));
            }
        }
        // the summing weights are not trained
        assertThat(gradients.get("projection_W")).isNull();
        assertThat(graph.getParam("projection_W").minNumber().doubleValue()).isEqualTo(1.0);
    }
}

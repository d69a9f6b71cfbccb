package io.gantry.engine;

import io.gantry.api.Network;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.multilayer.TrainingActivations;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A {@link MultiLayerNetwork}: activations in DL4J's workspace, backward passes that skip what is not read. */
final class LayerStackNet extends TrainableNet {
    private final MultiLayerNetwork net;

    LayerStackNet(MultiLayerNetwork net) {
        this.net = net;
    }

    MultiLayerNetwork net() {
        return net;
    }

    @Override
    public Model model() {
        return net;
    }

    @Override
    public Network network() {
        return Network.of(net);
    }

    @Override
    public INDArray output(INDArray input, boolean train) {
        return net.output(input, train);
    }

    @Override
    public DataType dataType() {
        return net.getLayerWiseConfigurations().getDataType();
    }

    @Override
    public INDArray params() {
        return net.params();
    }

    @Override
    public INDArray updaterState() {
        return net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
    }

    @Override
    public int iterationCount() {
        return net.getIterationCount();
    }

    @Override
    void initUpdater() {
        net.getUpdater();
    }

    @Override
    INDArray forward(INDArray input) {
        return TrainingActivations.forward(net, input);
    }

    @Override
    Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean parameters, boolean input) {
        return TrainingActivations.backprop(net, epsilon, parameters, input);
    }

    /**
     * DL4J's updater divides by the minibatch size it is given, because DL4J's own losses sum over
     * examples; Gantry's losses already return the gradient of a mean, so it is told 1.
     */
    @Override
    void update(Gradient gradient, int epoch) {
        int iteration = net.getIterationCount();
        net.getUpdater().update(net, gradient, iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(net.getGradientsViewArray().reshape(params.shape()));
        net.applyConstraints(iteration, epoch);
        net.setIterationCount(iteration + 1);
        net.clearLayersStates();
    }

    @Override
    void clearLayersStates() {
        net.clearLayersStates();
    }
}

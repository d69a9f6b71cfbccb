package org.deeplearning4j.nn.multilayer;

import io.gantry.kernels.SkippableGradients;
import java.util.List;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training forward pass whose activations live in DL4J's activations workspace, as in
 * {@code MultiLayerNetwork.fit}. The public {@code feedForward(train, ...)} detaches every
 * activation into fresh off-heap memory, and fresh memory costs page faults on every step (a
 * 128x1024 float array: ~400 µs to create, 27 µs to fill an existing one). The workspace keeps one
 * block that is reused step after step. DL4J only offers this to subclasses, and a GAN's networks
 * come from plugins as plain {@code MultiLayerNetwork}s, hence this class in DL4J's package.
 *
 * <p>Every array from {@link #forward} is valid only until the scope from {@link #open} closes;
 * outside such a scope it gives the detached pass.
 */
public final class TrainingActivations {
    private TrainingActivations() {
    }

    /**
     * Opens the activations workspace for one training pass over {@code nets}; close it when the pass
     * is done. Null (nothing to close) when one of them turned training workspaces off, since DL4J
     * then insists that no workspace is open.
     */
    public static MemoryWorkspace open(MultiLayerNetwork... nets) {
        for (MultiLayerNetwork net : nets) {
            if (net.getLayerWiseConfigurations().getTrainingWorkspaceMode() == WorkspaceMode.NONE) {
                return null;
            }
        }
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(MultiLayerNetwork.WS_ALL_LAYERS_ACT_CONFIG,
                MultiLayerNetwork.WS_ALL_LAYERS_ACT);
    }

    /** The network's output in training mode, every layer's input kept for the backward pass that follows. */
    public static INDArray forward(MultiLayerNetwork net, INDArray input) {
        List<INDArray> activations;
        if (!Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(MultiLayerNetwork.WS_ALL_LAYERS_ACT)) {
            net.setInput(input);
            activations = net.feedForward(true, false);
        } else {
            activations = net.ffToLayerActivationsInWs(net.getnLayers() - 1, FwdPassType.STANDARD, false, input,
                    null, null);
        }
        return activations.get(activations.size() - 1);
    }

    /**
     * The backward pass of the last {@link #forward} from the output gradient {@code epsilon}, computing
     * only what is asked: the parameters' gradients (into the net's gradient view; a pass without them
     * leaves that view as it was and returns no entries) and the input gradient (else null). Layers that
     * cannot skip ({@link SkippableGradients}) compute everything, and their results are used as DL4J's.
     */
    public static Pair<Gradient, INDArray> backprop(MultiLayerNetwork net, INDArray epsilon, boolean parameters,
                                                    boolean input) {
        if (net.getOutputLayer() instanceof IOutputLayer) {
            // As DL4J's public backpropGradient: an output layer computes its own gradient from labels.
            throw new UnsupportedOperationException("Cannot calculate gradients based on epsilon with OutputLayer");
        }
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof SkippableGradients layer) {
                // Only the first layer's input gradient leaves the network.
                layer.wantGradients(parameters, input || i > 0);
            }
        }
        try {
            return net.calcBackpropGradients(epsilon, false, false, input);
        } finally {
            for (Layer layer : layers) {
                if (layer instanceof SkippableGradients skippable) {
                    skippable.wantGradients(true, true);
                }
            }
        }
    }
}

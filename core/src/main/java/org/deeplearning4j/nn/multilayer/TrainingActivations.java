package org.deeplearning4j.nn.multilayer;

import java.util.List;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.WorkspaceMode;
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

}

package org.deeplearning4j.nn.graph;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of a {@link ComputationGraph} from an output gradient, with the gradient at its
 * input: DL4J 1.0.0-M2.1's public {@code backpropGradient} gives only the parameters' gradients, and
 * the input vertex's epsilon lives in a workspace that closes before the pass returns. This class
 * sits in DL4J's package to call the protected pass, with workspaces off for its duration (a switch
 * DL4J reads from the inference mode there), so that every epsilon is a plain array.
 */
public final class GraphBackprop {
    private GraphBackprop() {
    }

    /** Training-mode output, activations detached, every vertex's input kept for {@link #backprop}. */
    public static INDArray forward(ComputationGraph graph, INDArray input) {
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        return graph.feedForward(new INDArray[] {input}, true, false).get(output);
    }

    /** The parameters' gradients (in the graph's gradient view) and the input gradient. */
    public static Pair<Gradient, INDArray> backprop(ComputationGraph graph, INDArray epsilon) {
        var conf = graph.getConfiguration();
        WorkspaceMode mode = conf.getInferenceWorkspaceMode();
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        try {
            graph.calcBackpropGradients(false, false, epsilon);
        } finally {
            conf.setInferenceWorkspaceMode(mode);
        }
        INDArray inputGradient = graph.getVertex(conf.getNetworkInputs().get(0)).getEpsilon();
        return new Pair<>(graph.gradient(), inputGradient);
    }
}

package io.gantry.engine;

import io.gantry.api.Network;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One of a GAN's two networks as the engine trains it, whatever DL4J class it is: a layer stack or a
 * graph. What the trainer needs of it (a training pass, a backward pass that gives the input
 * gradient, an update by the net's own optimizer) is package-private: the engine's business.
 */
public abstract sealed class TrainableNet permits LayerStackNet, GraphNet {

    /** A network an architecture built (uninitialised) or a model zip gave back (initialised). */
    static TrainableNet of(Network network) {
        if (network instanceof Network.LayerStack s) {
            return new LayerStackNet(s.net());
        }
        return new GraphNet(((Network.Graph) network).graph());
    }

    /** The DL4J network, as ModelSerializer writes it. */
    public abstract Model model();

    /** The same network as the plugin API names it. */
    public abstract Network network();

    /** Inference or training-mode output for one input batch; batch norm as {@code train} says. */
    public abstract INDArray output(INDArray input, boolean train);

    public abstract DataType dataType();

    public abstract INDArray params();

    /** The optimizer's state (null before the first update of a network that has none yet). */
    public abstract INDArray updaterState();

    public abstract int iterationCount();

    /**
     * The parameters as views: the flat vector and the trainable arrays by name (batch norm's running
     * mean and variance are statistics, not trained).
     */
    public io.gantry.api.NetworkParameters parameters() {
        java.util.Map<String, INDArray> trainable = new java.util.LinkedHashMap<>();
        model().paramTable().forEach((name, array) -> {
            if (!name.endsWith("_mean") && !name.endsWith("_var") && !name.endsWith("_log10stdev")) {
                trainable.put(name, array);
            }
        });
        return new io.gantry.api.NetworkParameters(params(), trainable);
    }

    /** Creates the updater's state now, outside any workspace (it is allocated on first use otherwise). */
    abstract void initUpdater();

    /**
     * Opens the activations workspace for one training pass over {@code nets}; null (nothing to close)
     * unless all of them are layer stacks that use it, since DL4J's detached passes insist that no
     * workspace is open.
     */
    static MemoryWorkspace openActivations(TrainableNet... nets) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork[] stacks =
                new org.deeplearning4j.nn.multilayer.MultiLayerNetwork[nets.length];
        for (int i = 0; i < nets.length; i++) {
            if (!(nets[i] instanceof LayerStackNet stack)) {
                return null;
            }
            stacks[i] = stack.net();
        }
        return org.deeplearning4j.nn.multilayer.TrainingActivations.open(stacks);
    }

    /** Training-mode output, every layer's input kept for the backward pass that follows. */
    abstract INDArray forward(INDArray input);

    /**
     * The backward pass of the last {@link #forward} from the output gradient: the parameters' gradients
     * (in the net's gradient view) where {@code parameters}, the input gradient where {@code input}.
     */
    abstract Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean parameters, boolean input);

    /**
     * Applies the net's optimizer to {@code gradient}, then the constraints its configuration declares,
     * as DL4J's fit() does; counts the iteration and clears the layers' inputs.
     */
    abstract void update(Gradient gradient, int epoch);

    abstract void clearLayersStates();
}

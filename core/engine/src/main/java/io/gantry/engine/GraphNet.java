package io.gantry.engine;

import io.gantry.api.Network;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.GraphBackprop;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ComputationGraph} with one input and one output. Its activations stay detached from DL4J's
 * workspaces (they must outlive the backward pass that yields the input gradient), and its backward
 * passes compute everything: Gantry's faster twins are layer-stack only.
 */
final class GraphNet extends TrainableNet {
    private final ComputationGraph graph;

    GraphNet(ComputationGraph graph) {
        this.graph = graph;
    }

    ComputationGraph graph() {
        return graph;
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public Network network() {
        return Network.of(graph);
    }

    @Override
    public INDArray output(INDArray input, boolean train) {
        return graph.outputSingle(train, input);
    }

    @Override
    public DataType dataType() {
        return graph.getConfiguration().getDataType();
    }

    @Override
    public INDArray params() {
        return graph.params();
    }

    @Override
    public INDArray updaterState() {
        return graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray();
    }

    @Override
    public int iterationCount() {
        return graph.getIterationCount();
    }

    @Override
    void initUpdater() {
        graph.getUpdater();
    }

    @Override
    INDArray forward(INDArray input) {
        return GraphBackprop.forward(graph, input);
    }

    @Override
    Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean parameters, boolean input) {
        return GraphBackprop.backprop(graph, epsilon);
    }

    /**
     * Bytes of activations and gradients left to the garbage collector since it last ran. They are
     * native memory held by small Java objects, so a 1 GB heap would let them pile up for tens of GB
     * before it collects (the residual pair at 32 channels: 23 GB by step 85). Counted across G and D.
     */
    private static final AtomicLong UNCOLLECTED = new AtomicLong();
    /** Enough for several steps of a large graph, small beside the memory of a machine that trains one. */
    static final long COLLECT_EVERY_BYTES = 512L << 20;

    @Override
    void update(Gradient gradient, int epoch) {
        int iteration = graph.getIterationCount();
        graph.getUpdater().update(gradient, iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        INDArray params = graph.params();
        params.subi(graph.getGradientsViewArray().reshape(params.shape()));
        graph.applyConstraints(iteration, epoch);
        graph.getConfiguration().setIterationCount(iteration + 1);
        clearLayersStates();
    }

    @Override
    void clearLayersStates() {
        long bytes = 0;
        for (GraphVertex v : graph.getVertices()) {
            if (v.getInputs() != null) {
                for (INDArray a : v.getInputs()) {
                    bytes += size(a);
                }
            }
            bytes += size(v.getEpsilon());
        }
        graph.clearLayersStates();
        if (UNCOLLECTED.addAndGet(bytes) > COLLECT_EVERY_BYTES) {
            UNCOLLECTED.set(0);
            System.gc();
        }
    }

    private static long size(INDArray a) {
        return a == null || a.isEmpty() ? 0 : a.length() * a.dataType().width();
    }
}

package io.gantry.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A per-layer table of a network: type, output shape and trainable parameters. "Trainable" counts
 * as Keras does: parameters an optimizer changes (batch norm's gamma and beta), not the running
 * statistics (batch norm's mean and variance, which DL4J updates with a no-op updater).
 */
public record ModelSummary(List<Row> rows, long trainable, long nonTrainable) {

    public record Row(int index, String type, String outputShape, long trainable, long nonTrainable) {
    }

    /** A layer stack's layers in order, or a graph's layers (named) in the order DL4J keeps them. */
    public static ModelSummary of(TrainableNet net, InputType input) {
        if (net instanceof LayerStackNet stack) {
            return of(stack.net(), input);
        }
        org.deeplearning4j.nn.graph.ComputationGraph graph = ((GraphNet) net).graph();
        // shapes from one example's forward pass: M2.1's shape inference is wrong for channel subsets
        long[] inputShape = input.getShape(true);
        inputShape[0] = 1;
        Map<String, INDArray> outputs = graph.feedForward(
                Nd4j.zeros(graph.getConfiguration().getDataType(), inputShape), false);
        List<Row> rows = new ArrayList<>();
        long trainable = 0;
        long frozen = 0;
        Layer[] layers = graph.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            long[] counts = counts(layers[i], conf);
            rows.add(new Row(i, conf.getClass().getSimpleName() + " " + conf.getLayerName(),
                    shapeText(outputs.get(conf.getLayerName()).shape()), counts[0], counts[1]));
            trainable += counts[0];
            frozen += counts[1];
        }
        return new ModelSummary(List.copyOf(rows), trainable, frozen);
    }

    /** {trainable, non-trainable} parameters of one layer. */
    private static long[] counts(Layer layer, org.deeplearning4j.nn.conf.layers.Layer conf) {
        long t = 0;
        long f = 0;
        boolean frozen = layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayer;
        for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
            if (frozen || conf.getUpdaterByParam(p.getKey()) instanceof NoOp) {
                f += p.getValue().length();
            } else {
                t += p.getValue().length();
            }
        }
        return new long[] {t, f};
    }

    public static ModelSummary of(MultiLayerNetwork net, InputType input) {
        List<InputType> outputs = net.getLayerWiseConfigurations().getLayerActivationTypes(input);
        List<Row> rows = new ArrayList<>();
        long trainable = 0;
        long frozen = 0;
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            long[] counts = counts(layers[i], conf);
            rows.add(new Row(i, conf.getClass().getSimpleName(), shapeText(outputs.get(i)), counts[0], counts[1]));
            trainable += counts[0];
            frozen += counts[1];
        }
        return new ModelSummary(List.copyOf(rows), trainable, frozen);
    }

    /** Keras-like shape text: (None, 7, 7, 256) style but in DL4J's channel-first order. */
    static String shapeText(InputType type) {
        return shapeText(type.getShape(true));
    }

    private static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "batch" : shape[i]);
            if (i < shape.length - 1) {
                sb.append(", ");
            }
        }
        return sb.append(')').toString();
    }

    public String render(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        String fmt = "%-4s %-28s %-22s %14s%n";
        sb.append(String.format(fmt, "#", "layer", "output shape", "trainable"));
        for (Row r : rows) {
            sb.append(String.format(fmt, r.index(), r.type(), r.outputShape(), String.format("%,d", r.trainable())));
        }
        if (nonTrainable > 0) {
            sb.append(String.format("(non-trainable: %,d, batch norm statistics and frozen weights)%n", nonTrainable));
        }
        return sb.toString();
    }
}

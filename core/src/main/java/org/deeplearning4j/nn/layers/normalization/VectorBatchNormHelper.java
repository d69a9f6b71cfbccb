package org.deeplearning4j.nn.layers.normalization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch norm's training arithmetic from a few whole-array ND4J ops, in place of DL4J's oneDNN
 * helper, whose variance op and {@code batchnorm_bp} are slow on CPU: a [128, 128, 14, 14] layer took
 * 22 ms forward and 51 ms backward (bench/NOTES.md, entry 11). Per-channel sums are reductions over a
 * reshaped view; every per-channel affine map, normalisation included, is libnd4j's {@code batchnorm}
 * op. DL4J's layer keeps everything else (parameters, running averages, inference), as with any
 * helper; the helper field is package-private, hence this class in DL4J's package.
 *
 * <p>Statistics as DL4J's: biased batch variance, two-pass (centred) for accuracy.
 */
public final class VectorBatchNormHelper implements BatchNormalizationHelper {
    /** The layer's previous helper (oneDNN's, or null for DL4J's own code), for dense inputs. */
    private final BatchNormalizationHelper dense;
    private boolean lastPassDense;
    private INDArray meanCache;
    private INDArray varCache;

    private VectorBatchNormHelper(BatchNormalizationHelper dense) {
        this.dense = dense;
    }

    /** Runs every batch-norm layer of {@code net} that learns its gamma and beta with this helper. */
    public static void install(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn && !bn.layerConf().isLockGammaBeta()
                    && !(bn.helper instanceof VectorBatchNormHelper)) {
                bn.helper = new VectorBatchNormHelper(bn.helper);
            }
        }
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return lastPassDense ? dense.getMeanCache(dataType) : meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return lastPassDense ? dense.getVarCache(dataType) : varCache;
    }

    /**
     * A dense layer's [N, C] input arrives as [N, C, 1, 1]. There oneDNN is as fast (forward 1.7 ms
     * against 2.6 here on [128, 1024]), so such passes stay with the previous helper; null from it
     * sends DL4J to its own code.
     */
    private boolean isDenseInput(INDArray x, CNN2DFormat format) {
        return dense != null && x.length() / x.size(0) == x.size(axis(format));
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        lastPassDense = isDenseInput(x, format);
        if (lastPassDense) {
            return dense.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        x = contiguous(x);
        INDArray m;
        INDArray v;
        if (training) {
            long channels = x.size(axis(format));
            if (meanCache == null || meanCache.length() != channels || meanCache.dataType() != x.dataType()) {
                // kept between steps, outside any workspace, as DL4J's own helpers do
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    meanCache = Nd4j.createUninitialized(x.dataType(), channels);
                    varCache = Nd4j.createUninitialized(x.dataType(), channels);
                }
            }
            double count = x.length() / (double) channels;
            meanCache.assign(channelSums(x, format).divi(count));
            INDArray centred = x.ulike();
            Nd4j.exec(new BroadcastSubOp(x, meanCache, centred, axis(format)));
            varCache.assign(channelSums(centred.muli(centred), format).divi(count));
            m = meanCache;
            v = varCache;
        } else {
            m = mean.reshape(mean.length());
            v = var.reshape(var.length());
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
        affine(x, m, v, flat(gamma), flat(beta), eps, format, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (lastPassDense) {
            return dense.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        INDArray x = contiguous(input);
        INDArray dy = contiguous(epsilon);
        double count = x.length() / (double) meanCache.length();
        INDArray xHat = x.ulike();
        affine(x, meanCache, varCache, null, null, eps, format, xHat);
        INDArray dBeta = channelSums(dy, format);
        INDArray dGamma = channelSums(xHat.muli(dy), format);
        // dL/dx = k·dy + k·(-dGamma/count)·x̂ + k·(-dBeta/count), with k = gamma/std: the last two
        // terms are one more batchnorm of x, with gamma and beta set to those per-channel factors
        INDArray k = flat(gamma).div(Transforms.sqrt(varCache.add(eps), false));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
        affine(x, meanCache, varCache, k.mul(dGamma).divi(-count), k.mul(dBeta).divi(-count), eps, format, xHat);
        Nd4j.exec(new BroadcastMulOp(dy, k, dx, axis(format)));
        dx.addi(xHat);

        dGammaView.assign(dGamma.reshape(dGammaView.shape()));
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** out = (x - mean) / sqrt(var + eps) · gamma + beta per channel (gamma, beta optional): libnd4j's batchnorm. */
    private static void affine(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta, double eps,
                               CNN2DFormat format, INDArray out) {
        List<INDArray> inputs = new ArrayList<>(List.of(x, mean, var));
        if (gamma != null) {
            inputs.add(gamma);
        }
        if (beta != null) {
            inputs.add(beta);
        }
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(inputs.toArray(INDArray[]::new))
                .addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, axis(format))
                .addFloatingPointArguments(eps).addOutputs(out).build());
    }

    /** Per-channel sums of a rank-4 array, as reductions over a reshaped view (no permute, no copy). */
    private static INDArray channelSums(INDArray a, CNN2DFormat format) {
        long channels = a.size(axis(format));
        if (format == CNN2DFormat.NHWC) {
            return a.reshape('c', a.length() / channels, channels).sum(0);
        }
        long perImage = a.size(2) * a.size(3);
        INDArray rows = perImage == 1 ? a.reshape('c', a.size(0), channels)
                : a.reshape('c', a.size(0), channels, perImage).sum(2);
        return rows.sum(0);
    }

    private static int axis(CNN2DFormat format) {
        return format == CNN2DFormat.NHWC ? 3 : 1;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    private static INDArray flat(INDArray a) {
        return a == null ? null : a.reshape(a.length());
    }
}

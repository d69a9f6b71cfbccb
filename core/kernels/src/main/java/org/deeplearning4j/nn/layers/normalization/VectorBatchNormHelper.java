package org.deeplearning4j.nn.layers.normalization;

import io.gantry.kernels.PlaneBatchNorm;
import io.gantry.kernels.RowBatchNorm;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch norm's training arithmetic without libnd4j's slow batch-norm kernels, in place of DL4J's oneDNN
 * helper, whose variance op and {@code batchnorm_bp} are slow on CPU: a [128, 128, 14, 14] layer took
 * 22 ms forward and 51 ms backward, a dense [128, 1024] one 3.5 ms backward (bench/NOTES.md, entries 11
 * and 17). On images, per-channel sums are reductions over a reshaped view and every per-channel affine
 * map, normalisation included, is libnd4j's {@code batchnorm} op; on a dense layer's [N, C] output,
 * where each op costs more than its arithmetic, {@link RowBatchNorm}'s loops do the pass, and on NCHW
 * float images, where libnd4j's channel-axis broadcasts are slow, {@link PlaneBatchNorm}'s. DL4J's layer
 * keeps everything else (parameters, running averages), as with any helper; the helper field is
 * package-private, hence this class in DL4J's package.
 *
 * <p>Statistics as DL4J's: biased batch variance, two-pass (centred) for accuracy.
 */
public final class VectorBatchNormHelper implements BatchNormalizationHelper {
    private final RowBatchNorm rows = new RowBatchNorm();
    private final PlaneBatchNorm planes = new PlaneBatchNorm();
    private INDArray meanCache;
    private INDArray varCache;

    private VectorBatchNormHelper() {
    }

    /** Runs every batch-norm layer of {@code net} that learns its gamma and beta with this helper. */
    public static void install(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn && !bn.layerConf().isLockGammaBeta()
                    && !(bn.helper instanceof VectorBatchNormHelper)) {
                bn.helper = new VectorBatchNormHelper();
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
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        x = RowBatchNorm.contiguous(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
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
            if (RowBatchNorm.handles(x)) {
                rows.forward(x, gamma, beta, eps, meanCache, varCache, out);
                return out;
            }
            if (format == CNN2DFormat.NCHW && PlaneBatchNorm.handles(x)) {
                planes.forward(x, gamma, beta, eps, meanCache, varCache, out);
                return out;
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
        affine(x, m, v, flat(gamma), flat(beta), eps, format, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = RowBatchNorm.contiguous(input);
        INDArray dy = RowBatchNorm.contiguous(epsilon);
        if (RowBatchNorm.handles(x)) {
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
            rows.backward(x, dy, gamma, meanCache, varCache, eps, dx, dGammaView, dBetaView);
            return new Pair<>(gradient(dGammaView, dBetaView), dx);
        }
        if (format == CNN2DFormat.NCHW && PlaneBatchNorm.handles(x) && PlaneBatchNorm.handles(dy)) {
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
            planes.backward(x, dy, gamma, meanCache, varCache, eps, dx, dGammaView, dBetaView);
            return new Pair<>(gradient(dGammaView, dBetaView), dx);
        }
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
        return new Pair<>(gradient(dGammaView, dBetaView), dx);
    }

    private static Gradient gradient(INDArray dGammaView, INDArray dBetaView) {
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return gradient;
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


    private static INDArray flat(INDArray a) {
        return a == null ? null : a.reshape(a.length());
    }
}

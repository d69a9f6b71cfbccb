package io.gantry.plugins.metrics;

import io.gantry.core.api.EvaluationContext;
import io.gantry.core.api.LabelledData;
import io.gantry.core.api.Memo;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An evaluation of given images, sharing per-run values across the contexts made from one parent. */
final class FixedEvaluationContext implements EvaluationContext {
    private final INDArray generated;
    private final LabelledData data;
    private final Path cacheDir;
    private final Memo run;
    private final Memo evaluation = new Memo();

    FixedEvaluationContext(LabelledData data, Path cacheDir, Memo run, INDArray generated) {
        this.generated = generated;
        this.data = data;
        this.cacheDir = cacheDir;
        this.run = run;
    }

    @Override
    public long step() {
        return 1;
    }

    @Override
    public INDArray generated() {
        return generated;
    }

    @Override
    public LabelledData data() {
        return data;
    }

    @Override
    public Path cacheDir() {
        return cacheDir;
    }

    @Override
    public <T> T perRun(String key, Supplier<T> compute) {
        return run.get(key, compute);
    }

    @Override
    public <T> T perEvaluation(String key, Supplier<T> compute) {
        return evaluation.get(key, compute);
    }
}

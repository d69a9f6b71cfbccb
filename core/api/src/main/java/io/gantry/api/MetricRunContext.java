package io.gantry.api;

import java.nio.file.Path;
import java.util.function.Supplier;

/** What the quality metrics of one run share across its evaluations. */
public interface MetricRunContext {

    /** The dataset's labelled splits, scaled to [0, 1]. */
    LabelledData data();

    /** A folder for things derived from the data that outlive a run (trained classifiers), shared by runs. */
    Path cacheDir();

    /** A value computed once per run and shared by every metric of that run (a loaded classifier). */
    <T> T perRun(String key, Supplier<T> compute);

    /** A run's context over {@code data}, with its own per-run values. */
    static MetricRunContext of(LabelledData data, Path cacheDir) {
        Memo perRun = new Memo();
        return new MetricRunContext() {
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
                return perRun.get(key, compute);
            }
        };
    }
}

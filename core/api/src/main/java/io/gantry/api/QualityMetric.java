package io.gantry.api;

import io.gantry.api.Params;
import java.util.List;

/**
 * Extension point for numbers that say how good a generator is (fcd, classifier_score, ...),
 * computed from a batch of generated images and the dataset's labelled real images.
 */
public interface QualityMetric extends Component {

    /** The MLflow metric names {@link #evaluate} logs, for {@code gantry plugins} and validation. */
    List<String> metricNames();

    /**
     * Checks, before training, that this metric can evaluate the experiment's data.
     *
     * @throws IllegalArgumentException saying what is wrong and how to fix it
     */
    default void checkData(Params params, ImageShape shape, boolean labelled) {
        if (!labelled) {
            throw new IllegalArgumentException("quality metric '" + name() + "' needs a labelled dataset "
                    + "(mnist, fashion-mnist); this one has no labels");
        }
    }

    /**
     * Whether this metric judges class-conditional runs only (it reads {@link EvaluationContext#askedClasses()}):
     * such a metric is left out of an unconditional run's default metrics and refused when named for one.
     * Since plugin API 2.1.
     */
    default boolean needsConditioning() {
        return false;
    }

    /**
     * Called once before training starts, so that slow set-up (training a reference classifier on
     * first use) happens, and fails, before the run spends its budget rather than after.
     */
    default void prepare(Params params, MetricRunContext context) {
    }

    /** One evaluation of the generated images in {@code context}. */
    MetricValues evaluate(Params params, EvaluationContext context);
}

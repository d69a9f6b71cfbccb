package io.gantry.plugins.metrics;

import io.gantry.api.MetricRunContext;
import io.gantry.api.QualityMetric;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;

/** A metric computed from the dataset's reference classifier, which {@link #prepare} loads or trains. */
abstract class ReferenceClassifierMetric implements QualityMetric {

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public void prepare(Params params, MetricRunContext context) {
        Evaluated.reference(context);
    }
}

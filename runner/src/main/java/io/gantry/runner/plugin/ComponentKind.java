package io.gantry.runner.plugin;

import io.gantry.core.api.AdversarialLoss;
import io.gantry.core.api.Component;
import io.gantry.core.api.Dataset;
import io.gantry.core.api.DiscriminatorArchitecture;
import io.gantry.core.api.GeneratorArchitecture;
import io.gantry.core.api.NoiseDistribution;
import io.gantry.core.api.Optimizer;
import io.gantry.core.api.QualityMetric;

/** The extension points, with the word users see for each. */
public enum ComponentKind {
    GENERATOR("generator", GeneratorArchitecture.class),
    DISCRIMINATOR("discriminator", DiscriminatorArchitecture.class),
    LOSS("loss", AdversarialLoss.class),
    OPTIMIZER("optimizer", Optimizer.class),
    NOISE("noise", NoiseDistribution.class),
    DATASET("dataset", Dataset.class),
    METRIC("metric", QualityMetric.class);

    private final String label;
    private final Class<? extends Component> type;

    ComponentKind(String label, Class<? extends Component> type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    public Class<? extends Component> type() {
        return type;
    }
}

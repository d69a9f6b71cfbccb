package io.gantry.runner.plugin;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.AfterUpdate;
import io.gantry.api.Component;
import io.gantry.api.Dataset;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.NoiseDistribution;
import io.gantry.api.Optimizer;
import io.gantry.api.QualityMetric;

/** The extension points, with the word users see for each. */
public enum ComponentKind {
    GENERATOR("generator", GeneratorArchitecture.class),
    DISCRIMINATOR("discriminator", DiscriminatorArchitecture.class),
    LOSS("loss", AdversarialLoss.class),
    OPTIMIZER("optimizer", Optimizer.class),
    NOISE("noise", NoiseDistribution.class),
    DATASET("dataset", Dataset.class),
    METRIC("metric", QualityMetric.class),
    AFTER_UPDATE("after-update step", AfterUpdate.class);

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

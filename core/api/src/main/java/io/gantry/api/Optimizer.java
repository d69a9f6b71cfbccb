package io.gantry.api;

import io.gantry.api.Params;
import org.nd4j.linalg.learning.config.IUpdater;

/** Extension point for optimizers: a DL4J updater configured from parameters. */
public interface Optimizer extends Component {
    IUpdater create(Params params);
}

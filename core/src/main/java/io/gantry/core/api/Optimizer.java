package io.gantry.core.api;

import io.gantry.core.param.Params;
import org.nd4j.linalg.learning.config.IUpdater;

/** Extension point for optimizers: a DL4J updater configured from parameters. */
public interface Optimizer extends Component {
    IUpdater create(Params params);
}

package io.gantry.core.api;

import io.gantry.core.param.Params;

/** Extension point for adversarial losses (minimax, non-saturating, least-squares, ...). */
public interface AdversarialLoss extends Component {
    GanLoss create(Params params);
}

package io.gantry.api;

import io.gantry.api.Params;

/** Extension point for adversarial losses (minimax, non-saturating, least-squares, ...). */
public interface AdversarialLoss extends Component {
    GanLoss create(Params params);
}

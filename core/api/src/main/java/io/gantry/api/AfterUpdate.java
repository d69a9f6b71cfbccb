package io.gantry.api;

/**
 * Extension point for what runs after every optimizer step of one network: weight clipping, an
 * exponential moving average of G's weights. A spec names them per network under
 * {@code after_update.generator} and {@code after_update.discriminator}, applied in the order given.
 */
public interface AfterUpdate extends Component {
    AfterUpdateStep create(Params params);
}

package io.gantry.api;

import io.gantry.api.Params;
import java.util.Optional;

/** Extension point for training data (mnist, fashion-mnist, image folders, ...). */
public interface Dataset extends Component {

    /** The shape of the images, known without loading them, so models can be built and described. */
    ImageShape shape(Params params);

    /**
     * Loads the data, installing it into {@code context.dataDir()} when the dataset knows how.
     *
     * @throws DatasetUnavailableException with a message that says where it looked and how to fix it
     */
    ImageSource open(Params params, DatasetContext context);

    /** Whether {@link #openLabelled} gives labelled splits; known without loading, so validation can tell. */
    default boolean labelled(Params params) {
        return false;
    }

    /**
     * The full labelled train and test splits (whatever split or limit the run trains on), scaled to
     * {@code context.pixelRange()}, for quality metrics. Empty when the dataset has no labels.
     */
    default Optional<LabelledData> openLabelled(Params params, DatasetContext context) {
        return Optional.empty();
    }
}

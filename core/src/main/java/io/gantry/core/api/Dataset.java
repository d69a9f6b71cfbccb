package io.gantry.core.api;

import io.gantry.core.param.Params;

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
}

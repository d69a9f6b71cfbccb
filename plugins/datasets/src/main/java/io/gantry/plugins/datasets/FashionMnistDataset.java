package io.gantry.plugins.datasets;

import org.pf4j.Extension;

/** Zalando's Fashion-MNIST: Debian's dataset-fashion-mnist package, or the same .gz files in the data dir. */
@Extension
public class FashionMnistDataset extends IdxDataset {
    public FashionMnistDataset() {
        super(IdxFileSet.FASHION_MNIST, java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot"));
    }

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST clothing, 28x28 grayscale, labelled (apt: dataset-fashion-mnist)";
    }
}

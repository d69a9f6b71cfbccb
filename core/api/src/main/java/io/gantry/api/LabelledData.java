package io.gantry.api;

import java.util.List;

/**
 * A dataset's labelled splits, as quality metrics need them: the training split a reference
 * classifier learns from, the held-out test split that gives the real-data reference values, and
 * a fingerprint of the files (their checksums) that keys anything derived from them on disk.
 */
public record LabelledData(ImageSource train, ImageSource test, String fingerprint, List<String> classNames) {

    public LabelledData {
        classNames = List.copyOf(classNames);
        if (train.labels().isEmpty() || test.labels().isEmpty()) {
            throw new IllegalArgumentException("labelled data needs labels on both splits: " + train.describe());
        }
    }

    public int classes() {
        return classNames.size();
    }
}

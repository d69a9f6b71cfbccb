package io.gantry.plugins.metrics;

import io.gantry.plugins.metrics.ReferenceClassifier.Classified;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every evaluation compares against, made once per dataset and cached: the trained classifier
 * with its test accuracy, the training split's class shares and feature statistics, a fixed subset
 * of training features (the real manifold of precision/recall) and the classified test split (the
 * "generated" side of the real-data reference values).
 *
 * @param trainMean mean feature vector of the whole training split
 * @param trainCovariance feature covariance of the whole training split
 */
record Reference(ReferenceClassifier classifier, double testAccuracy, double[] trainClassShares,
                 double[] trainMean, double[][] trainCovariance, INDArray trainSubsetFeatures, Classified test,
                 String location) {

    int classes() {
        return trainClassShares.length;
    }
}

package io.gantry.plugins.metrics;

import io.gantry.api.LabelledData;
import io.gantry.plugins.metrics.ReferenceClassifier.Classified;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Random;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference classifier and statistics of a dataset, trained on first use and kept in
 * {@code <cache dir>/classifier-<key>/}, where the key is made of the dataset's file checksums, the
 * image shape and the classifier's architecture. A file lock makes concurrent runs (a parallel
 * sweep, two terminals) wait for one training instead of each doing it.
 */
final class ClassifierCache {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierCache.class);
    private static final int FORMAT = 1;
    /** Size of the real manifold for precision/recall: the default number of generated samples. */
    static final int SUBSET = 10_000;
    private static final long SEED = 20_190_412L;

    private ClassifierCache() {
    }

    static String key(LabelledData data) {
        return sha256(data.fingerprint() + "|" + data.train().shape() + "|" + data.classes() + "|"
                + ReferenceClassifier.ARCHITECTURE).substring(0, 16);
    }

    static Reference load(LabelledData data, Path cacheDir) {
        Path dir = cacheDir.resolve("classifier-" + key(data));
        // Threads of one JVM (a parallel sweep) cannot share a FileLock: they queue here first.
        synchronized (ClassifierCache.class) {
            try {
                Files.createDirectories(cacheDir);
                try (FileChannel channel = FileChannel.open(cacheDir.resolve(dir.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var lock = channel.lock()) {
                    if (!Files.isRegularFile(dir.resolve("reference.bin"))) {
                        create(data, dir);
                    }
                    return read(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the reference classifier cache " + dir + ": "
                        + e.getMessage() + " (check that the data dir is writable, or pass --data-dir)", e);
            }
        }
    }

    private static void create(LabelledData data, Path dir) throws IOException {
        LOG.info("training the reference classifier of the quality metrics on {} (once per dataset; kept in {})",
                data.train().describe(), dir);
        long start = System.nanoTime();
        ReferenceClassifier classifier = ReferenceClassifier.build(data.train().shape(), data.classes(), data.train().size(), SEED);
        classifier.fit(data.train(), data.classes(), SEED);
        Classified test = classifier.classify(data.test());
        double accuracy = ReferenceClassifier.accuracy(test, data.test().labels().orElseThrow());
        Classified train = classifier.classify(data.train());
        LOG.info("reference classifier: test accuracy {} after {} s", String.format("%.4f", accuracy),
                Math.round((System.nanoTime() - start) / 1e9));

        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
        try {
            ModelSerializer.writeModel(classifier.network(), tmp.resolve("classifier.zip").toFile(), false);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(tmp.resolve("reference.bin"))))) {
                out.writeInt(FORMAT);
                out.writeDouble(accuracy);
                writeDoubles(out, classShares(data.train().labels().orElseThrow(), data.classes()));
                INDArray features = train.features().castTo(DataType.DOUBLE);
                INDArray mean = features.mean(0);
                INDArray centred = features.subRowVector(mean);
                INDArray covariance = centred.transpose().mmul(centred).divi(features.size(0) - 1);
                writeDoubles(out, mean.toDoubleVector());
                for (double[] row : covariance.toDoubleMatrix()) {
                    writeDoubles(out, row);
                }
                Nd4j.write(train.features().getRows(subset(data.train().size())), out);
                Nd4j.write(test.features(), out);
                Nd4j.write(test.probabilities(), out);
            }
            Properties info = new Properties();
            info.setProperty("architecture", ReferenceClassifier.ARCHITECTURE);
            info.setProperty("train", data.train().describe());
            info.setProperty("test", data.test().describe());
            info.setProperty("fingerprint", data.fingerprint());
            info.setProperty("test_accuracy", Double.toString(accuracy));
            info.setProperty("created", Instant.now().toString());
            try (var out = Files.newBufferedWriter(tmp.resolve("info.properties"), StandardCharsets.UTF_8)) {
                info.store(out, "Gantry reference classifier (quality metrics)");
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Reference read(Path dir) throws IOException {
        ReferenceClassifier classifier = new ReferenceClassifier(
                ModelSerializer.restoreMultiLayerNetwork(dir.resolve("classifier.zip").toFile(), false));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve("reference.bin"))))) {
            if (in.readInt() != FORMAT) {
                throw new IOException("unknown format; delete " + dir + " to have it made again");
            }
            double accuracy = in.readDouble();
            double[] shares = readDoubles(in);
            double[] mean = readDoubles(in);
            double[][] covariance = new double[mean.length][];
            for (int i = 0; i < mean.length; i++) {
                covariance[i] = readDoubles(in);
            }
            INDArray subset = Nd4j.read(in);
            INDArray testFeatures = Nd4j.read(in);
            INDArray testProbabilities = Nd4j.read(in);
            return new Reference(classifier, accuracy, shares, mean, covariance, subset,
                    new Classified(testFeatures, testProbabilities), dir.toString());
        }
    }

    /** A fixed random subset of the training split: the real side of precision and recall. */
    private static int[] subset(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, Math.min(SUBSET, size));
    }

    static double[] classShares(int[] labels, int classes) {
        double[] shares = new double[classes];
        for (int label : labels) {
            shares[label]++;
        }
        for (int c = 0; c < classes; c++) {
            shares[c] /= labels.length;
        }
        return shares;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

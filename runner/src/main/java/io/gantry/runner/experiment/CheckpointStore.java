package io.gantry.runner.experiment;

import io.gantry.engine.CheckpointSink;
import io.gantry.engine.GanNetworks;
import io.gantry.engine.ModelZip;
import io.gantry.engine.TrainerState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A run's checkpoints: {@code <dir>/<run id>/run.properties} and {@code spec.yaml} say how to
 * continue it, {@code step-000001000/} holds G and D (with optimizer state) and the trainer state
 * (a magic number and format version first).
 * Each checkpoint is written into a temporary folder and renamed into place, so a crash mid-write
 * leaves the previous checkpoints intact; only the newest {@code keep} are kept.
 */
public final class CheckpointStore implements CheckpointSink {
    private static final String PREFIX = "step-";
    /** "GANT": the first bytes of trainer.state since format 2. */
    static final int MAGIC = 0x47414E54;
    /**
     * 2: the header, and G and D zips that name DL4J's classes only. 1 (no header) named Gantry's
     * layer twins in its zips; those still resume (ModelFiles reads the old names).
     */
    static final int FORMAT = 2;
    private final Path runDir;
    private final int keep;

    public CheckpointStore(Path runDir, int keep) {
        this.runDir = runDir;
        this.keep = keep;
    }

    public Path runDir() {
        return runDir;
    }

    /** Records what resuming needs: the resolved spec and where the run is tracked. */
    public void describeRun(String specYaml, Properties run) {
        try {
            Files.createDirectories(runDir);
            writeAtomically(runDir.resolve("spec.yaml"), out -> out.write(specYaml.getBytes(StandardCharsets.UTF_8)));
            writeAtomically(runDir.resolve("run.properties"), out -> run.store(out, "Gantry run, for gantry resume"));
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public void save(GanNetworks nets, TrainerState state) {
        Path target = runDir.resolve(String.format("%s%09d", PREFIX, state.step()));
        Path tmp = runDir.resolve(target.getFileName() + ".partial");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            try (OutputStream out = Files.newOutputStream(tmp.resolve("generator.zip"))) {
                ModelZip.write(nets.generator(), out);
            }
            try (OutputStream out = Files.newOutputStream(tmp.resolve("discriminator.zip"))) {
                ModelZip.write(nets.discriminator(), out);
            }
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp.resolve("trainer.state")))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeLong(state.step());
                out.writeInt(state.epoch());
                out.writeInt(state.position());
                out.writeLong(state.orderRngState());
                out.writeLong(state.noiseRngState());
                out.writeInt(state.permutation().length);
                for (int i : state.permutation()) {
                    out.writeInt(i);
                }
                out.writeInt(state.afterUpdateStates().size());
                for (org.nd4j.linalg.api.ndarray.INDArray kept : state.afterUpdateStates()) {
                    out.writeBoolean(kept != null);
                    if (kept != null) {
                        org.nd4j.linalg.factory.Nd4j.write(kept, out);
                    }
                }
            }
            deleteTree(target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            prune();
        } catch (IOException e) {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // the message below is what matters
            }
            throw unwritable(e);
        }
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        return checkpoints().reduce((a, b) -> b);
    }

    /** Every complete checkpoint, newest first. */
    public List<Path> newestFirst() throws IOException {
        List<Path> all = new java.util.ArrayList<>(checkpoints().toList());
        java.util.Collections.reverse(all);
        return all;
    }

    public static TrainerState readState(Path checkpoint) throws IOException {
        try (InputStream raw = Files.newInputStream(checkpoint.resolve("trainer.state"));
             DataInputStream in = new DataInputStream(raw)) {
            int first = in.readInt();
            long step;
            boolean header = first == MAGIC;
            if (header) {
                int format = in.readInt();
                if (format > FORMAT) {
                    throw new IOException(checkpoint + " is checkpoint format " + format + ", newer than this Gantry "
                            + "reads (" + FORMAT + "): resume it with the Gantry version that wrote it, or a newer one");
                }
                step = in.readLong();
            } else {
                // Format 1 (before Plugin API 2) had no header: its first long is the step.
                step = ((long) first << 32) | (in.readInt() & 0xFFFF_FFFFL);
            }
            int epoch = in.readInt();
            int position = in.readInt();
            long orderRng = in.readLong();
            long noiseRng = in.readLong();
            int[] permutation = new int[in.readInt()];
            for (int i = 0; i < permutation.length; i++) {
                permutation[i] = in.readInt();
            }
            java.util.List<org.nd4j.linalg.api.ndarray.INDArray> kept = new java.util.ArrayList<>();
            int steps = header ? in.readInt() : 0; // format 1 had no after-update steps
            for (int i = 0; i < steps; i++) {
                kept.add(in.readBoolean() ? org.nd4j.linalg.factory.Nd4j.read(in) : null);
            }
            return new TrainerState(step, epoch, position, permutation, orderRng, noiseRng,
                    java.util.Collections.unmodifiableList(kept));
        }
    }

    private Stream<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return Stream.empty();
        }
        try (Stream<Path> list = Files.list(runDir)) {
            // step-000000040 only: not step-...partial (being written) nor step-...damaged (set aside by resume)
            List<Path> done = list.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+")
                    && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            return done.stream();
        }
    }

    /** Keeps the newest {@code keep}; removes what a process killed mid-write left (its .partial folder). */
    private void prune() throws IOException {
        List<Path> all = checkpoints().toList();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
        try (Stream<Path> list = Files.list(runDir)) {
            for (Path leftover : list.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                deleteTree(leftover);
            }
        }
    }

    private UncheckedIOException unwritable(IOException e) {
        return new UncheckedIOException("cannot write checkpoint under " + runDir + ": " + e
                + " (free some space or set checkpoint.dir to a writable folder)", e);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writer.write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

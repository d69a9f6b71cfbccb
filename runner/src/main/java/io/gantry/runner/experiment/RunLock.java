package io.gantry.runner.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One process trains a run at a time: an OS lock on the run's checkpoint folder, held while it trains.
 * The OS drops it when the process dies however it dies, so a crashed run never stays locked.
 */
final class RunLock implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunLock.class);
    static final String FILE = "train.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or says who holds it (IllegalArgumentException: a user error, exit 2). */
    static RunLock acquire(Path runDir, String runId) {
        Path file = runDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalArgumentException("run " + runId + " is being trained by another process"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to end, or stop it (Ctrl-C, "
                        + "kill -TERM) and resume then");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ManagementFactory.getRuntimeMXBean().getPid() + ", since "
                    + Instant.now()).getBytes(StandardCharsets.UTF_8)));
            return new RunLock(channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the first problem is the one to report
            }
            // Some shared file systems (NFS without lockd) have no locks: train, but say what is lost.
            LOG.warn("cannot lock {} ({}): nothing stops a second process from training run {} at the same time",
                    file, e.getMessage(), runId);
            return new RunLock(null, null);
        }
    }

    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

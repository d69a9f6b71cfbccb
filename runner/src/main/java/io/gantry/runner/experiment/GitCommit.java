package io.gantry.runner.experiment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The git commit of a file when it is tracked and unmodified in a repository; else nothing. */
final class GitCommit {
    private GitCommit() {
    }

    static Optional<String> of(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            String commit = git(dir, "log", "-1", "--format=%H", "--", abs.toString());
            if (commit.isEmpty() || !git(dir, "status", "--porcelain", "--", abs.toString()).isEmpty()) {
                return Optional.empty(); // untracked, or changed since the commit: the commit would lie
            }
            return Optional.of(commit);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git failed");
        }
        return out;
    }
}

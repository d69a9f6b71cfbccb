package io.gantry.runner.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A cluster's command-line tool (sbatch, squeue, scancel, kubectl) run to its end, its output kept. */
public final class ExternalCommand {

    /** How it ended: exit code, standard output, standard error (both stripped). */
    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** What the tool said about its failure, on one line. */
        public String why() {
            String s = (err.isBlank() ? out : err).strip().replaceAll("\\s*\\n\\s*", "; ");
            return s.isEmpty() ? "exit code " + exitCode : s;
        }
    }

    private ExternalCommand() {
    }

    /** Whether {@code tool} is an executable file in a folder of the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command with no input; a tool that hangs past {@code timeoutSeconds} is killed. */
    public static Result run(List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("gantry-cmd", ".out");
            Path err = Files.createTempFile("gantry-cmd", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "", command.get(0) + " did not answer within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                        Files.readString(err, StandardCharsets.UTF_8).strip());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", command.get(0) + " interrupted");
        }
    }
}

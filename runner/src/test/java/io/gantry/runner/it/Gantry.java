package io.gantry.runner.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher ({@code ./gantry}) of the built tree as a user would, and MLflow's Python client. */
final class Gantry {
    static final Path ROOT = Path.of(System.getProperty("gantry.root", "..")).toAbsolutePath().normalize();

    record Result(int exitCode, String stdout, String stderr) {
        /** The last line of stderr: where a one-line error ends up. */
        String lastErrorLine() {
            String[] lines = stderr.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Gantry() {
    }

    static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("gantry").toString());
        cmd.addAll(List.of(args));
        if (args.length > 0 && args[0].equals("run") && String.join(" ", args).indexOf("evaluation.") < 0) {
            // Runs that test something else evaluate their metrics on 500 samples, not 10,000: the
            // same code path, a tenth of the time (QuickstartRunIT checks the default).
            cmd.addAll(List.of("--set", "evaluation.samples=500"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        // The build under test is what maven just packaged: never rebuild from inside a test.
        pb.environment().put("GANTRY_SKIP_BUILD", "1");
        pb.environment().remove("MLFLOW_TRACKING_URI");
        return pb;
    }

    static Result run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gantry", ".out");
        Path err = Files.createTempFile("gantry", ".err");
        Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("gantry " + String.join(" ", args) + " did not finish in 15 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** MLflow's Python client from the venv the test command installs (GANTRY_PYTHON or ./.venv). */
    static String readRuns(Path trackingUri, String experiment) throws IOException, InterruptedException {
        String python = System.getenv().getOrDefault("GANTRY_PYTHON", ROOT.resolve(".venv/bin/python").toString());
        if (!Files.isExecutable(Path.of(python))) {
            throw new AssertionError("no Python with MLflow at " + python + ": run the test command from README.md "
                    + "(./scripts/test.sh), which installs it");
        }
        Path script = Path.of("src/test/resources/read_runs.py").toAbsolutePath();
        Process p = new ProcessBuilder(python, script.toString(), trackingUri.toString(), experiment)
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("MLflow could not read the runs: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

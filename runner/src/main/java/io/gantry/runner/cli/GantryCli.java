package io.gantry.runner.cli;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import io.gantry.api.DatasetUnavailableException;
import io.gantry.runner.GantryVersion;
import io.gantry.runner.backend.BackendUnavailableException;
import io.gantry.runner.backend.MemoryExhausted;
import io.gantry.runner.spec.SpecException;
import io.gantry.tracking.TrackingUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gantry}: the entry point. User errors print one line and exit 2; failed runs exit 1. */
@Command(name = "gantry", mixinStandardHelpOptions = true, versionProvider = GantryCli.Version.class,
        description = "GAN experiments from YAML, components from plugin jars, runs in MLflow.",
        subcommands = {RunCommand.class, ValidateCommand.class, DescribeCommand.class, PluginsCommand.class,
                DataCommand.class, ResumeCommand.class, TrialCommand.class, SweepCommand.class,
                BenchCommand.class, BackendCommand.class, SampleCommand.class,
                RegisterCommand.class})
public final class GantryCli implements Runnable {
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a command: run, resume, trial, sweep, validate, describe, plugins, data, bench, backend, "
                        + "sample, register");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(GantryCli.class, new GuiceFactory(Guice.createInjector(new CliModule())));
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable e = unwrap(ex);
            if (e instanceof CommandLine.ParameterException bad) {
                // a bad option found only when an injected object first used it (e.g. --plugins-dir)
                line.getErr().println("error: " + bad.getMessage());
                return USER_ERROR;
            }
            if (e instanceof SpecException || e instanceof DatasetUnavailableException
                    || e instanceof TrackingUnavailableException || e instanceof IllegalArgumentException
                    || e instanceof BackendUnavailableException || e instanceof MemoryExhausted) {
                line.getErr().println("error: " + e.getMessage());
                return USER_ERROR;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /** What went wrong inside Guice's provision wrapper, which says only where it happened. */
    private static Throwable unwrap(Throwable e) {
        while (e instanceof ProvisionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            GantryVersion v = GantryVersion.load();
            return new String[] {"gantry " + v.version() + " (plugin API " + v.apiVersion() + ")"};
        }
    }
}

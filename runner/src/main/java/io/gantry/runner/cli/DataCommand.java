package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.api.DatasetContext;
import io.gantry.api.ImageSource;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Find or install, and verify, the dataset a spec uses (e.g. before going offline).")
final class DataCommand implements Callable<Integer> {
    @Mixin
    SpecOptions spec;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentResolver> resolver;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets are found or installed (default: $GANTRY_DATA_DIR, else ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        Experiment e = resolver.get().resolve(spec.load());
        ImageSource data = e.dataset().component().open(e.dataset().params(),
                new DatasetContext(DataDirs.resolve(dataDir), e.spec().pixelRange()));
        System.out.println(data.describe() + ": OK");
        return 0;
    }
}

package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec and every component's parameters, and build G and D, without training.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    SpecOptions spec;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentResolver> resolver;

    @Override
    public Integer call() {
        Experiment e = resolver.get().resolveChecked(spec.load()).experiment();
        System.out.println(spec.spec + ": OK (" + e.flatParams().size() + " parameters; generator "
                + e.generator().spec().type() + ", discriminator " + e.discriminator().spec().type() + ", "
                + e.imageShape() + " images; quality metrics: " + (e.evaluates() ? String.join(", ",
                e.metrics().stream().map(m -> m.spec().type()).toList()) : "off") + ")");
        return 0;
    }
}

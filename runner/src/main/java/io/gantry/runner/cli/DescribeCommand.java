package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.engine.ModelSummary;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print G's and D's layers, output shapes and trainable parameters (counted as Keras does).")
final class DescribeCommand implements Callable<Integer> {
    @Mixin
    SpecOptions spec;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentResolver> resolver;

    @Override
    public Integer call() {
        ExperimentResolver.Checked checked = resolver.get().resolveChecked(spec.load());
        Experiment e = checked.experiment();
        var nets = checked.networks();
        int latent = e.generatorShape().latentDim();
        var image = e.discriminatorShape().image();
        int channels = image.channels();
        ModelSummary g = ModelSummary.of(nets.generator(), InputType.feedForward(latent));
        ModelSummary d = ModelSummary.of(nets.discriminator(),
                InputType.convolutional(image.height(), image.width(), channels));
        System.out.print(g.render("generator: " + e.generator().spec().type() + " (input: batch, " + latent + ")"));
        System.out.println();
        System.out.print(d.render("discriminator: " + e.discriminator().spec().type() + " (input: batch, "
                + channels + ", " + image.height() + ", " + image.width() + ")"));
        System.out.println();
        System.out.println("generator trainable parameters: " + g.trainable());
        System.out.println("discriminator trainable parameters: " + d.trainable());
        return 0;
    }
}

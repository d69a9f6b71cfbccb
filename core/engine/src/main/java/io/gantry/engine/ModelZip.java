package io.gantry.engine;

import io.gantry.api.Network;
import io.gantry.kernels.Dl4jClasses;
import java.io.IOException;
import java.io.OutputStream;
import org.deeplearning4j.util.ModelSerializer;

/**
 * G and D as DL4J model zips (configuration, parameters, updater state) that name DL4J's own
 * classes only, whatever ran them: DL4J alone restores what Gantry saves.
 */
public final class ModelZip {
    private ModelZip() {
    }

    public static void write(TrainableNet net, OutputStream out) throws IOException {
        if (!(net instanceof LayerStackNet stack)) {
            ModelSerializer.writeModel(net.model(), out, true); // graphs run DL4J's own layers
            return;
        }
        try {
            Dl4jClasses.whileSaving(stack.net(), () -> {
                ModelSerializer.writeModel(stack.net(), out, true);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** A network read from a model zip, ready to train on at Gantry's speed: the same state, with the twins in. */
    public static TrainableNet forTraining(Network restored) {
        return GanNetworks.restored(restored);
    }
}

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a DL4J user without Gantry does with a generator Gantry trained: restore the zip, run noise
 * through it. Run as a single source file on a class path of DL4J's jars only (SavedModelsIT).
 * Usage: java -cp DL4J_JARS RestoreAndRun.java MODEL.zip NOISE.bin OUTPUT.bin
 */
public class RestoreAndRun {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.gantry.api.Component");
            throw new IllegalStateException("a Gantry class is on the class path");
        } catch (ClassNotFoundException expected) {
            // the point of this program
        }
        MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]), true);
        INDArray noise;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(args[1])))) {
            noise = Nd4j.read(in);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[2])))) {
            Nd4j.write(g.output(noise, false), out);
        }
    }
}

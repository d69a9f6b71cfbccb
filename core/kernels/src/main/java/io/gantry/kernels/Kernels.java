package io.gantry.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Gantry's kernel twins may run. They reach into DL4J's protected and package-private
 * members, so they are correct only for the DL4J version they were written against: on any other
 * they switch themselves off with one warning and DL4J's own layers train, slower but right.
 * {@code -Dgantry.kernels=off} switches them off by hand (to compare, or to rule them out).
 */
public final class Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String DL4J_POM = "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
    private static final boolean ENABLED = decide(pinnedVersion(), runtimeVersion(),
            System.getProperty("gantry.kernels", "on"));

    private Kernels() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** The decision, with its one line of explanation when the answer is no. */
    static boolean decide(String pinned, String runtime, String switchValue) {
        if ("off".equalsIgnoreCase(switchValue)) {
            LOG.info("Gantry's kernel twins are off (-Dgantry.kernels=off): DL4J's own layers train");
            return false;
        }
        if (pinned == null || !pinned.equals(runtime)) {
            LOG.warn("Gantry's kernel twins were written for DL4J {} and this is DL4J {}: they are off, "
                    + "DL4J's own (slower) layers train", pinned, runtime == null ? "of unknown version" : runtime);
            return false;
        }
        return true;
    }

    static String pinnedVersion() {
        return property(Kernels.class, "kernels.properties", "dl4j.version");
    }

    static String runtimeVersion() {
        return property(MultiLayerNetwork.class, DL4J_POM, "version");
    }

    private static String property(Class<?> anchor, String resource, String key) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }
}

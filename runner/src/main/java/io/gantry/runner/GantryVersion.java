package io.gantry.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Gantry's own version and the plugin API version that Plugin-Requires is checked against. */
public record GantryVersion(String version, String apiVersion) {

    public static GantryVersion load() {
        Properties p = new Properties();
        try (InputStream in = GantryVersion.class.getResourceAsStream("/gantry.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to the defaults below
        }
        return new GantryVersion(p.getProperty("version", "unknown"), p.getProperty("api.version", "0.0.0"));
    }
}

package io.gantry.tracking;

import java.util.UUID;

/**
 * The artifact names Python's {@code mlflow.log_image(key=..., step=...)} writes (MLflow 3.x:
 * {@code images/<key>+step+<step>+timestamp+<ms>+<uuid>.png} and a {@code +compressed.webp}
 * thumbnail) and the run tag that makes the UI look for them. Both tracker kinds use this.
 */
public final class ImageArtifacts {
    public static final String LOGGED_IMAGES_TAG = "mlflow.loggedImages";

    private ImageArtifacts() {
    }

    /** The two artifact paths for one image: full size and the thumbnail the UI loads. */
    public static String[] paths(String key, long step, long timestamp) {
        if (!key.matches("[a-zA-Z0-9_\\-./ ]+")) {
            throw new IllegalArgumentException("image key may contain only alphanumerics, _ - . / and spaces: " + key);
        }
        String base = "images/" + key.replace('/', '~') + "+step+" + step + "+timestamp+" + timestamp + "+"
                + UUID.randomUUID();
        return new String[] {base + ".png", base + "+compressed.webp"};
    }
}

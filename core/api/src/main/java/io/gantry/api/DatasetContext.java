package io.gantry.api;

import java.nio.file.Path;

/** Where a dataset may find or install its files, and which pixel range the generator produces. */
public record DatasetContext(Path dataDir, PixelRange pixelRange) {
}

package io.gantry.api;

/** The value range pixels are scaled to: [-1, 1] for tanh generators, [0, 1] for sigmoid ones. */
public record PixelRange(double low, double high) {
    public static final PixelRange TANH = new PixelRange(-1, 1);
    public static final PixelRange UNIT = new PixelRange(0, 1);

    public PixelRange {
        if (!(high > low)) {
            throw new IllegalArgumentException("pixel range needs low < high: [" + low + ", " + high + "]");
        }
    }

    /** Maps a byte intensity 0..255 into this range. */
    public float fromByte(int value) {
        return (float) (low + (high - low) * (value / 255.0));
    }

    /** Maps a value of this range to 0..255, clamping what lies outside. */
    public int toByte(double value) {
        double unit = (value - low) / (high - low);
        return (int) Math.round(Math.max(0, Math.min(1, unit)) * 255);
    }
}

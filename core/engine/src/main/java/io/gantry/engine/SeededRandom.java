package io.gantry.engine;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood 2014; the generator behind java.util.SplittableRandom) with its
 * state exposed, so a checkpoint can store where each stream was and a resumed run draws exactly the
 * numbers the uninterrupted run would have.
 */
public final class SeededRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The whole state: {@code new SeededRandom(s.state())} continues the same sequence. */
    public long state() {
        return state;
    }

    /** Continues from a saved state. */
    public void setState(long state) {
        this.state = state;
    }

    /** An independent stream, derived from this one's next value. */
    public SeededRandom split() {
        return new SeededRandom(mix(nextLong() ^ 0x5DEECE66DL));
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

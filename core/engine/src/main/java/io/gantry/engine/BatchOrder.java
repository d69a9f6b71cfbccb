package io.gantry.engine;


/** Mini-batch indices, reshuffled at every epoch from a seeded generator (or in file order, unshuffled). */
final class BatchOrder {
    private final int size;
    private final int batchSize;
    private final boolean dropLast;
    private final boolean shuffle;
    private final SeededRandom rng;
    private final int[] permutation;
    private int position;
    private int epoch;

    BatchOrder(int size, int batchSize, boolean dropLast, boolean shuffle, SeededRandom rng) {
        if (size < 1) {
            throw new IllegalArgumentException("dataset is empty");
        }
        this.size = size;
        this.batchSize = Math.min(batchSize, size);
        this.dropLast = dropLast;
        this.shuffle = shuffle;
        this.rng = rng;
        this.permutation = new int[size];
        for (int i = 0; i < size; i++) {
            permutation[i] = i;
        }
        shuffle();
    }

    /** Continues from a checkpoint's order: the same epoch, position, permutation and stream. */
    void restore(TrainerState state) {
        if (state.permutation().length != size) {
            throw new IllegalArgumentException("checkpoint was taken on " + state.permutation().length
                    + " images, this dataset has " + size);
        }
        System.arraycopy(state.permutation(), 0, permutation, 0, size);
        position = state.position();
        epoch = state.epoch();
        rng.setState(state.orderRngState());
    }

    int position() {
        return position;
    }

    int[] permutation() {
        return permutation.clone();
    }

    long rngState() {
        return rng.state();
    }

    /** The current epoch, counted from 0. */
    int epoch() {
        return epoch;
    }

    int[] next() {
        int remaining = size - position;
        if (remaining == 0 || (dropLast && remaining < batchSize)) {
            epoch++;
            position = 0;
            shuffle();
            remaining = size;
        }
        int n = Math.min(batchSize, remaining);
        int[] batch = new int[n];
        System.arraycopy(permutation, position, batch, 0, n);
        position += n;
        return batch;
    }

    private void shuffle() {
        if (!shuffle) {
            return;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }
}

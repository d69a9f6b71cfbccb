package io.gantry.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What happens every so many iterations (sample grids, quality evaluation, checkpoints), in the order
 * added. None runs at the last step: the end of training does each of them once, itself.
 */
final class PeriodicActions {
    private record Periodic(long every, LongConsumer action) {
    }

    private final List<Periodic> actions = new ArrayList<>();

    /** Runs {@code action} with the step number after every {@code every}-th iteration; 0: never. */
    void every(long every, LongConsumer action) {
        actions.add(new Periodic(every, action));
    }

    void afterStep(long step, long total) {
        if (step >= total) {
            return;
        }
        for (Periodic p : actions) {
            if (p.every() > 0 && step % p.every() == 0) {
                p.action().accept(step);
            }
        }
    }
}

package io.gantry.engine;

/** Training stopped because a loss became NaN or infinite, or a collapse signal held too long. */
public class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, String reason) {
        super(reason + " at step " + step);
        this.step = step;
    }

    public long step() {
        return step;
    }
}

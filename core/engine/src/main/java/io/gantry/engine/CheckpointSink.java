package io.gantry.engine;

/** Receives the networks and trainer state at a checkpoint; writes them somewhere durable. */
public interface CheckpointSink {
    void save(GanNetworks networks, TrainerState state);
}

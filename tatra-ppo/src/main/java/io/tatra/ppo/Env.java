package io.tatra.ppo;

/** An episodic environment with a discrete action set. */
public interface Env {
    /** Length of every observation vector. */
    int observationSize();

    /** Actions are 0 .. actionCount − 1. */
    int actionCount();

    /** Starts a new episode; returns its first observation. */
    double[] reset();

    /** Takes {@code action}; the observation after it, the reward it earned, and whether the episode ended. */
    Step step(int action);

    /** One transition's outcome. */
    record Step(double[] observation, double reward, boolean done) {}
}

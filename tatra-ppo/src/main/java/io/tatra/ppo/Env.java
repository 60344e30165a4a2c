package io.tatra.ppo;

/**
 * An episodic environment whose action has one or more discrete components chosen together (Gymnasium's
 * {@code MultiDiscrete}): one component for a single choice (a target position), several for a decision with parts
 * (an exit and a trailing-stop distance) or one per symbol of a portfolio. The policy treats the components as
 * independent categoricals given the observation.
 */
public interface Env {
    /** Length of every observation vector. */
    int observationSize();

    /** The number of choices of each action component (each >= 2). */
    int[] actionDims();

    /** Starts a new episode; returns its first observation. */
    double[] reset();

    /** Takes {@code action} (one choice per component); the observation after it, the reward it earned, and whether the episode ended. */
    Step step(int[] action);

    /** One transition's outcome. */
    record Step(double[] observation, double reward, boolean done) {}
}

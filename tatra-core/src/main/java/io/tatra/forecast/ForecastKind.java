package io.tatra.forecast;

/** What a task's forecast is, independent of the engine that makes it. */
public enum ForecastKind {
    /** Probabilities over named classes, summing to 1. */
    CLASSES,
    /** A positive scale (volatility per bar). */
    SCALE,
    /** A real number (a log return). */
    VALUE,
    /** The probability of a yes/no event. */
    PROBABILITY
}

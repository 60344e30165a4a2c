package io.tatra.labels;

/** The direction label's classes, in the order models output their probabilities. */
public enum Direction { DOWN, SIDEWAYS, UP }

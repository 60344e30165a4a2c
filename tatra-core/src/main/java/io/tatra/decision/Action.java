package io.tatra.decision;

/** What to hold after a decision. */
public enum Action {
    LONG, SHORT, FLAT;

    /** +1, −1 or 0. */
    public int sign() { return this == LONG ? 1 : this == SHORT ? -1 : 0; }
}

package io.tatra.market;

import java.time.Instant;

/** Shared argument checks for the market value records; every message names the value and what is wrong. */
final class Checks {
    private Checks() {}

    static Instant time(Instant t, String what) {
        if (t == null) throw new IllegalArgumentException(what + ": time is null");
        return t;
    }

    static void positive(double v, String name, Object where) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(where + ": " + name + " is " + v + " (not a finite number)");
        if (v <= 0) throw new IllegalArgumentException(where + ": " + name + " " + v + " must be > 0");
    }

    static void nonNegative(double v, String name, Object where) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(where + ": " + name + " is " + v + " (not a finite number)");
        if (v < 0) throw new IllegalArgumentException(where + ": " + name + " " + v + " must be >= 0");
    }

    static void finite(double v, String name, Object where) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(where + ": " + name + " is " + v + " (not a finite number)");
    }
}

package io.tatra;

import java.util.Locale;

/**
 * Rate and time left of a loop with a known number of steps (epochs, batches, seeds, folds): each {@link #tick}
 * says how far it is, the mean seconds per step so far and the seconds left at that rate. With early stopping the
 * time left is an upper bound ("at most").
 */
public final class Eta {
    private final int total;
    private final long start;
    private int done;

    public Eta(int total) {
        if (total < 1) throw new IllegalArgumentException("total steps must be >= 1, got " + total);
        this.total = total;
        this.start = System.nanoTime();
    }

    /** One step more: e.g. {@code "3/8 epochs, 2.3 s each, ~12 s left"}. */
    public String tick(String unit) { return at(done + 1, unit); }

    /** {@code step} of the total done (monotone; later calls may skip steps). */
    public String at(int step, String unit) {
        done = Math.min(Math.max(step, done), total);
        double elapsed = (System.nanoTime() - start) / 1e9, each = elapsed / done;
        String left = done == total ? "done in " + time(elapsed) : "~" + time(each * (total - done)) + " left";
        String rate = each >= 1 ? String.format(Locale.ROOT, "%.1f s each", each) : String.format(Locale.ROOT, "%.1f/s", 1 / Math.max(each, 1e-9));
        return done + "/" + total + " " + unit + ", " + rate + ", " + left;
    }

    public int done() { return done; }

    static String time(double s) {
        if (s < 90) return String.format(Locale.ROOT, "%.0f s", s);
        if (s < 5400) return String.format(Locale.ROOT, "%.0f min", s / 60);
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}

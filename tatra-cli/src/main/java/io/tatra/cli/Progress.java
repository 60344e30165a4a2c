package io.tatra.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr; silent when stderr is not a terminal or in --json mode. */
final class Progress {
    private final PrintStream err;
    private final boolean on;
    private final long total;
    private final String label;
    private int lastPct = -1;

    Progress(String label, long total, boolean quiet) {
        this.err = System.err;
        this.on = !quiet && System.console() != null && total > 1;
        this.total = total;
        this.label = label;
    }

    void update(long done, String what) {
        if (!on) return;
        int pct = (int) (100 * done / total);
        if (pct == lastPct && done < total) return;
        lastPct = pct;
        int width = 30, filled = pct * width / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + pct + "% " + (what == null ? "" : what) + "\033[K");
        if (done >= total) err.println();
        err.flush();
    }
}

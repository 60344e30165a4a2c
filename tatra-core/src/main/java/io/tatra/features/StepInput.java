package io.tatra.features;

import io.tatra.features.indicators.DoubleRing;

/**
 * The current bar and the quantities every block shares, computed once per bar. Mutable and reused: the
 * engine fills it, then each block reads it. Histories hold the newest value at index 0.
 */
final class StepInput {
    static final int HISTORY = 66;

    long openTime;
    double open, high, low, close, volume;
    /** Funding rate in bp, open interest and book imbalance as of the bar's close; NaN when unknown. */
    double fundingBp, openInterest, bookImbalance;
    double lnOpen, lnHigh, lnLow, lnClose, lnVolume1p;
    /** ln(C_t / C_{t-1}); NaN on the first bar of a run. */
    double ret;
    double prevClose, lnPrevClose;
    /** Bars since this gap-free run began (0 on its first bar). */
    int runIndex;
    final DoubleRing closes = new DoubleRing(HISTORY);
    final DoubleRing lnCloses = new DoubleRing(HISTORY);

    void set(long t, double o, double h, double l, double c, double v, int runIndex) {
        this.runIndex = runIndex;
        openTime = t;
        open = o; high = h; low = l; close = c; volume = v;
        lnOpen = Math.log(o);
        lnHigh = Math.log(h);
        lnLow = Math.log(l);
        lnClose = Math.log(c);
        lnVolume1p = Math.log(1 + v); // volumes are counts of units; log1p's extra accuracy near 0 is not needed
        if (runIndex == 0) {
            prevClose = Double.NaN;
            lnPrevClose = Double.NaN;
            ret = Double.NaN;
        } else {
            prevClose = closes.get(0);
            lnPrevClose = lnCloses.get(0);
            ret = lnClose - lnPrevClose;
        }
        closes.push(c);
        lnCloses.push(lnClose);
    }

    /** ln C of {@code back} bars ago, NaN if this run is shorter. */
    double lnCloseBack(int back) { return back < lnCloses.size() ? lnCloses.get(back) : Double.NaN; }

    double closeBack(int back) { return back < closes.size() ? closes.get(back) : Double.NaN; }
}

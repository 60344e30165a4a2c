package io.tatra.features;

import io.tatra.features.indicators.Bollinger;
import io.tatra.features.indicators.DoubleRing;
import io.tatra.features.indicators.Ema;
import io.tatra.features.indicators.Vwap;

import static io.tatra.features.Feature.*;

/** Bollinger %b and width, distances to VWAP, volume-profile POC, EMAs and the 64-bar high and low. */
final class LevelsBlock implements FeatureBlock {
    static final int POC_WINDOW = 96, POC_BINS = 24, RANGE_WINDOW = 64;

    private final Bollinger bands = new Bollinger(20, 2);
    private final Vwap vwap24 = new Vwap(24), vwap96 = new Vwap(96);
    private final Ema ema20 = Ema.standard(20), ema50 = Ema.standard(50);
    private final DoubleRing highs = new DoubleRing(POC_WINDOW), lows = new DoubleRing(POC_WINDOW);
    private final DoubleRing typical = new DoubleRing(POC_WINDOW), volumes = new DoubleRing(POC_WINDOW);
    private final double[] bins = new double[POC_BINS];

    @Override
    public void step(StepInput in, double[] out) {
        double c = in.close;
        bands.update(c);
        double up = bands.upper(), lo = bands.lower();
        out[BB_PERCENT_B_20.ordinal()] = up > lo ? (c - lo) / (up - lo) : Double.NaN;
        out[BB_WIDTH_20.ordinal()] = (up - lo) / bands.middle();
        out[VWAP_DIST_24.ordinal()] = in.lnClose - StrictMath.log(vwap24.update(in.high, in.low, c, in.volume));
        out[VWAP_DIST_96.ordinal()] = in.lnClose - StrictMath.log(vwap96.update(in.high, in.low, c, in.volume));
        out[EMA_DIST_20.ordinal()] = in.lnClose - StrictMath.log(ema20.update(c));
        out[EMA_DIST_50.ordinal()] = in.lnClose - StrictMath.log(ema50.update(c));

        highs.push(in.high);
        lows.push(in.low);
        typical.push((in.high + in.low + c) / 3);
        volumes.push(in.volume);
        double hh = Double.NEGATIVE_INFINITY, ll = Double.POSITIVE_INFINITY;
        int n64 = Math.min(RANGE_WINDOW, highs.size());
        for (int i = 0; i < n64; i++) {
            hh = Math.max(hh, highs.get(i));
            ll = Math.min(ll, lows.get(i));
        }
        out[HIGH_DIST_64.ordinal()] = in.lnClose - StrictMath.log(hh);
        out[LOW_DIST_64.ordinal()] = in.lnClose - StrictMath.log(ll);
        out[POC_DIST_96.ordinal()] = in.lnClose - StrictMath.log(pointOfControl(hh, ll, n64));
    }

    /** Centre of the fullest price bin (lowest bin on ties); NaN when the window has no volume. */
    private double pointOfControl(double hh64, double ll64, int n64) {
        int n = highs.size();
        double hh = hh64, ll = ll64;
        for (int i = n64; i < n; i++) {
            hh = Math.max(hh, highs.get(i));
            ll = Math.min(ll, lows.get(i));
        }
        if (!(hh > ll)) return ll;
        java.util.Arrays.fill(bins, 0);
        double width = (hh - ll) / POC_BINS, total = 0;
        for (int i = 0; i < n; i++) {
            int b = (int) ((typical.get(i) - ll) / width);
            double v = volumes.get(i);
            bins[Math.min(POC_BINS - 1, Math.max(0, b))] += v;
            total += v;
        }
        if (!(total > 0)) return Double.NaN;
        int best = 0;
        for (int b = 1; b < POC_BINS; b++) if (bins[b] > bins[best]) best = b;
        return ll + (best + 0.5) * width;
    }
}

package io.tatra.features;

import io.tatra.features.indicators.Bollinger;
import io.tatra.features.indicators.DoubleRing;
import io.tatra.features.indicators.Ema;
import io.tatra.features.indicators.RollingExtreme;
import io.tatra.features.indicators.Vwap;

import static io.tatra.features.Feature.*;

/** Bollinger %b and width, distances to VWAP, volume-profile POC, EMAs and the 64-bar high and low. */
final class LevelsBlock implements FeatureBlock {
    static final int POC_WINDOW = 96, POC_BINS = 24, RANGE_WINDOW = 64;

    private final Bollinger bands = new Bollinger(20, 2);
    private final Vwap vwap24 = new Vwap(24), vwap96 = new Vwap(96);
    private final Ema ema20 = Ema.standard(20), ema50 = Ema.standard(50);
    private final RollingExtreme high64 = RollingExtreme.max(RANGE_WINDOW), low64 = RollingExtreme.min(RANGE_WINDOW);
    private final RollingExtreme high96 = RollingExtreme.max(POC_WINDOW), low96 = RollingExtreme.min(POC_WINDOW);
    private final DoubleRing typical = new DoubleRing(POC_WINDOW), volumes = new DoubleRing(POC_WINDOW);
    private final double[] bins = new double[POC_BINS];

    @Override
    public void step(StepInput in, double[] out) {
        double c = in.close;
        bands.update(c);
        double up = bands.upper(), lo = bands.lower();
        out[BB_PERCENT_B_20.ordinal()] = up > lo ? (c - lo) / (up - lo) : Double.NaN;
        out[BB_WIDTH_20.ordinal()] = (up - lo) / bands.middle();
        out[VWAP_DIST_24.ordinal()] = in.lnClose - Math.log(vwap24.update(in.high, in.low, c, in.volume));
        out[VWAP_DIST_96.ordinal()] = in.lnClose - Math.log(vwap96.update(in.high, in.low, c, in.volume));
        out[EMA_DIST_20.ordinal()] = in.lnClose - Math.log(ema20.update(c));
        out[EMA_DIST_50.ordinal()] = in.lnClose - Math.log(ema50.update(c));

        typical.push((in.high + in.low + c) / 3);
        volumes.push(in.volume);
        high96.update(in.high);
        low96.update(in.low);
        out[HIGH_DIST_64.ordinal()] = in.lnClose - Math.log(high64.update(in.high));
        out[LOW_DIST_64.ordinal()] = in.lnClose - Math.log(low64.update(in.low));
        out[POC_DIST_96.ordinal()] = in.lnClose - Math.log(pointOfControl());
    }

    /** Centre of the fullest price bin (lowest bin on ties); NaN when the window has no volume. */
    private double pointOfControl() {
        int n = typical.size();
        double hh = high96.value(), ll = low96.value();
        if (!(hh > ll)) return ll;
        java.util.Arrays.fill(bins, 0);
        double width = (hh - ll) / POC_BINS, total = 0;
        double[] tp = typical.raw(), vol = volumes.raw();
        for (int i = 0; i < n; i++) {
            int b = (int) ((tp[i] - ll) / width);
            double v = vol[i];
            bins[Math.min(POC_BINS - 1, Math.max(0, b))] += v;
            total += v;
        }
        if (!(total > 0)) return Double.NaN;
        int best = 0;
        for (int b = 1; b < POC_BINS; b++) if (bins[b] > bins[best]) best = b;
        return ll + (best + 0.5) * width;
    }
}

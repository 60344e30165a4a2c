package io.tatra.synth;

import io.tatra.journal.BookRecord;
import io.tatra.market.BarSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Order-book snapshots for a synthetic market, one per bar stamped at its close (as a live session records them):
 * {@code levels} levels a side, 2 bp apart around the close, sizes sharing the bar's volume with a lognormal spread per
 * level and a bid/ask tilt that follows a slowly mean-reverting pressure (AR(1), φ = 0.9) nudged by the bar's own
 * return. The books carry no information about later bars beyond what the bars themselves carry: they exercise the book
 * path (store, features, paper exchange, live recording) without planting a signal. Prices and sizes are rounded to
 * 8 decimals, so they travel through text (files, the paper exchange's stream) unchanged. Seeded apart from the bars:
 * adding books changes no bar.
 */
public final class SyntheticBooks {
    private SyntheticBooks() {}

    public static List<BookRecord> of(BarSeries bars, int levels, long seed) {
        if (levels < 1 || levels > BookRecord.MAX_LEVELS) throw new IllegalArgumentException("levels must be 1.." + BookRecord.MAX_LEVELS + ", got " + levels);
        SeededRandom rng = new SeededRandom(seed ^ 0x5EEDB00CL ^ bars.symbol().value().hashCode());
        List<BookRecord> out = new ArrayList<>(bars.size());
        double pressure = 0;
        for (int i = 0; i < bars.size(); i++) {
            double c = bars.close(i), ret = i > 0 ? Math.log(c / bars.close(i - 1)) : 0;
            pressure = 0.9 * pressure + 0.3 * rng.gaussian() + 20 * ret;
            double tilt = Math.tanh(pressure), base = Math.max(bars.volume(i), 1e-3) / levels;
            List<double[]> bids = new ArrayList<>(levels), asks = new ArrayList<>(levels);
            for (int k = 0; k < levels; k++) {
                double step = (1 + 2 * k) * 1e-4;
                bids.add(new double[]{round(c * (1 - step)), round(base * (1 + 0.5 * tilt) * Math.exp(0.4 * rng.gaussian()))});
                asks.add(new double[]{round(c * (1 + step)), round(base * (1 - 0.5 * tilt) * Math.exp(0.4 * rng.gaussian()))});
            }
            out.add(new BookRecord(bars.symbol().value(), Instant.ofEpochMilli(bars.openTimeMillis(i) + bars.interval().millis()), bids, asks));
        }
        return out;
    }

    private static double round(double x) {
        return x < 9e7 ? Math.max(1e-8, Math.round(x * 1e8) / 1e8) : Math.round(x);
    }
}

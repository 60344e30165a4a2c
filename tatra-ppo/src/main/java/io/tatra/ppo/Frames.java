package io.tatra.ppo;

import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;

import java.time.Instant;
import java.util.List;

/** Cutting an episode's bars, with the funding settlements inside them, out of a frame; the environments' shared reward. */
final class Frames {
    private Frames() {}

    /** Bars {@code first..last} (inclusive) of {@code frame} with the funding settled from the first bar's open up to the last bar's open. */
    static MarketFrame episode(MarketFrame frame, int first, int last) {
        BarSeries b = frame.bars();
        Instant t0 = b.openTime(first), t1 = Instant.ofEpochMilli(b.openTimeMillis(last) + 1);
        List<FundingRate> funding = frame.funding().stream().filter(f -> !f.time().isBefore(t0) && f.time().isBefore(t1)).toList();
        return new MarketFrame(b.slice(t0, t1), funding, List.of(), List.of());
    }

    /** Checks that every row of {@code signals[from, to)} has {@code width} finite values. */
    static void checkSignals(double[][] signals, int from, int to, int width, String what) {
        for (int i = from; i < to; i++) {
            if (signals[i] == null || signals[i].length != width)
                throw new IllegalArgumentException(what + " row " + i + " has " + (signals[i] == null ? 0 : signals[i].length) + " values, not " + width);
            for (double v : signals[i]) if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " row " + i + " is not finite");
        }
    }

    /** Every environment's reward: the log change of equity over the step (floored so a wiped-out account stays finite). */
    static double logReturn(double before, double after) { return Math.log(Math.max(after, 1e-9) / Math.max(before, 1e-9)); }
}

package io.tatra.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates a series to a coarser interval: open = first, high = max, low = min, close = last, volume,
 * quote volume and trade count = sums (quote volume / trades absent if absent in any sub-bar).
 * Buckets are aligned to the target interval since the epoch (1d buckets start 00:00 UTC).
 *
 * <p>A bucket with fewer sub-bars than it should hold (gaps, or the unfinished first/last bucket) is
 * incomplete; {@link Incomplete} decides whether it is dropped or kept, and every one is listed.
 */
public final class Resampler {
    /** What to do with a bucket that misses sub-bars. */
    public enum Incomplete {
        /** Leave it out of the result (default: an incomplete candle has a wrong range and volume). */
        DROP,
        /** Keep it; it is still listed in {@link Result#incomplete()}. */
        KEEP
    }

    /** A bucket that missed sub-bars: its start, how many it had, how many it should have had. */
    public record IncompleteBucket(Instant start, int bars, int expected, boolean kept) {}

    public record Result(BarSeries series, List<IncompleteBucket> incomplete) {}

    private Resampler() {}

    public static Result resample(BarSeries src, Interval target, Incomplete policy) {
        if (target.millis() < src.interval().millis() || target.millis() % src.interval().millis() != 0) {
            throw new IllegalArgumentException("cannot resample " + src.interval() + " to " + target
                    + ": the target must be a whole multiple of the source interval");
        }
        int expected = (int) (target.millis() / src.interval().millis());
        BarSeries.Builder out = BarSeries.builder(src.symbol(), target, src.size() / expected + 1);
        List<IncompleteBucket> incomplete = new ArrayList<>();
        long[] t = src.openTimeArray();
        double[] o = src.openArray(), h = src.highArray(), l = src.lowArray(), c = src.closeArray(),
                v = src.volumeArray(), qv = src.quoteVolumeArray();
        long[] tc = src.tradeCountArray();
        int i = 0;
        while (i < src.size()) {
            long bucket = target.floor(t[i]);
            int j = i;
            double hi = h[i], lo = l[i], vol = 0, qvol = 0;
            long trades = 0;
            boolean qvAbsent = false, tcAbsent = false;
            while (j < src.size() && target.floor(t[j]) == bucket) {
                hi = Math.max(hi, h[j]);
                lo = Math.min(lo, l[j]);
                vol += v[j];
                if (Double.isNaN(qv[j])) qvAbsent = true; else qvol += qv[j];
                if (tc[j] < 0) tcAbsent = true; else trades += tc[j];
                j++;
            }
            int count = j - i;
            boolean complete = count == expected;
            if (!complete) incomplete.add(new IncompleteBucket(Instant.ofEpochMilli(bucket), count, expected, policy == Incomplete.KEEP));
            if (complete || policy == Incomplete.KEEP) {
                out.add(bucket, o[i], hi, lo, c[j - 1], vol, qvAbsent ? Double.NaN : qvol, tcAbsent ? -1 : trades);
            }
            i = j;
        }
        return new Result(out.build(), List.copyOf(incomplete));
    }
}

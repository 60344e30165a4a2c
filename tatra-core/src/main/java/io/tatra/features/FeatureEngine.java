package io.tatra.features;

import io.tatra.market.BarSeries;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Batch feature computation over a whole series. Exchange data is joined as of each bar's close
 * (open time + interval) by a merge over the sorted events; {@link FeatureStream} does the same join from
 * events arriving one at a time, and the two must produce identical matrices (tested).
 */
public final class FeatureEngine {
    private final FeatureConfig config;
    private final FeatureSchema schema;

    public FeatureEngine(FeatureConfig config) {
        this.config = config;
        this.schema = FeatureSchema.of(config);
    }

    public FeatureEngine() { this(FeatureConfig.DEFAULT); }

    public FeatureSchema schema() { return schema; }

    public FeatureMatrix compute(BarSeries bars) { return compute(MarketFrame.of(bars)); }

    public FeatureMatrix compute(MarketFrame frame) {
        BarSeries s = frame.bars();
        int n = s.size();
        long step = s.interval().millis();
        long[] t = s.openTimeArray();
        double[] o = s.openArray(), h = s.highArray(), l = s.lowArray(), c = s.closeArray(), v = s.volumeArray();
        double[] funding = asOf(frame.funding(), f -> f.time().toEpochMilli(), f -> f.rate() * 1e4, t, step, config.fundingMaxAge().toMillis());
        double[] oi = asOf(frame.openInterest(), x -> x.time().toEpochMilli(), x -> x.value(), t, step, config.openInterestMaxAge().toMillis());
        double[] book = asOf(config.books() ? frame.books() : List.of(), b -> b.time().toEpochMilli(), b -> b.imbalance(20), t, step, config.bookMaxAge().toMillis());

        FeatureState state = new FeatureState(s.interval());
        double[] values = new double[Math.multiplyExact(n, Feature.COUNT)];
        int[] run = new int[n];
        double[] row = new double[Feature.COUNT];
        for (int i = 0; i < n; i++) {
            run[i] = state.step(t[i], o[i], h[i], l[i], c[i], v[i], funding[i], oi[i], book[i], row);
            System.arraycopy(row, 0, values, i * Feature.COUNT, Feature.COUNT);
        }
        return new FeatureMatrix(s.symbol(), s.interval(), t.clone(), run, values, schema.hash());
    }

    /** For each bar, the latest event at or before its close that is at most {@code maxAge} old; NaN otherwise. */
    private static <T> double[] asOf(List<T> events, ToLongFunction<T> time, ToDoubleFunction<T> value,
                                     long[] openTimes, long step, long maxAge) {
        double[] out = new double[openTimes.length];
        java.util.Arrays.fill(out, Double.NaN);
        int j = 0;
        for (int i = 0; i < openTimes.length; i++) {
            long close = openTimes[i] + step;
            while (j < events.size() && time.applyAsLong(events.get(j)) <= close) j++;
            if (j > 0) {
                T e = events.get(j - 1);
                if (close - time.applyAsLong(e) <= maxAge) out[i] = value.applyAsDouble(e);
            }
        }
        return out;
    }
}

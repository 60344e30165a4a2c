package io.tatra.features;

import io.tatra.market.Interval;

/**
 * The incremental heart shared by the batch {@link FeatureEngine} and the live {@link FeatureStream}: one
 * bar in, one row of 64 values out. A bar that does not follow the previous one by exactly one interval
 * (a gap) starts a new run: every rolling state is rebuilt and every warm-up starts again.
 */
final class FeatureState {
    private static final int[] WARMUP = new int[Feature.COUNT];
    private static final int MAX_WARMUP = Feature.maxWarmup();

    static {
        for (Feature f : Feature.values()) WARMUP[f.ordinal()] = f.warmup();
    }

    private final long intervalMillis;
    private final StepInput in = new StepInput();
    private FeatureBlock[] blocks;
    private long lastTime = Long.MIN_VALUE;
    private int runIndex = -1;

    FeatureState(Interval interval) {
        intervalMillis = interval.millis();
    }

    /** Computes the row for one bar into {@code out} (length 64) and returns the bar's index in its run. */
    int step(long openTime, double open, double high, double low, double close, double volume,
             double fundingBp, double openInterest, double bookImbalance, double[] out) {
        if (lastTime != Long.MIN_VALUE && openTime <= lastTime)
            throw new IllegalArgumentException("bars must come in time order: " + java.time.Instant.ofEpochMilli(openTime)
                    + " is not after " + java.time.Instant.ofEpochMilli(lastTime));
        if (lastTime == Long.MIN_VALUE || openTime - lastTime != intervalMillis) {
            blocks = new FeatureBlock[]{new ReturnsBlock(), new VolatilityBlock(), new MomentumBlock(), new LevelsBlock(),
                    new VolumeBlock(), new CandleCalendarBlock(), new ExchangeBlock(), new StatisticsBlock()};
            runIndex = 0;
        } else {
            runIndex++;
        }
        lastTime = openTime;
        in.set(openTime, open, high, low, close, volume, runIndex);
        in.fundingBp = fundingBp;
        in.openInterest = openInterest;
        in.bookImbalance = bookImbalance;
        for (FeatureBlock b : blocks) b.step(in, out);
        if (runIndex < MAX_WARMUP) for (int f = 0; f < WARMUP.length; f++) if (runIndex < WARMUP[f]) out[f] = Double.NaN;
        return runIndex;
    }

    long intervalMillis() { return intervalMillis; }
}

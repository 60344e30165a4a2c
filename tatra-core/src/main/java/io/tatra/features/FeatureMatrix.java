package io.tatra.features;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;

/**
 * Features of one symbol: {@code rows} bars × 64 features, row-major doubles, NaN where undefined.
 * {@link #runIndex(int)} tells how many gap-free bars preceded each row, so callers can pick rows whose
 * features (and windows) are fully warmed up.
 */
public final class FeatureMatrix {
    private final Symbol symbol;
    private final Interval interval;
    private final long[] openTimes;
    private final int[] runIndex;
    private final double[] values;
    private final String schemaHash;

    public FeatureMatrix(Symbol symbol, Interval interval, long[] openTimes, int[] runIndex, double[] values, String schemaHash) {
        if (openTimes.length != runIndex.length || values.length != (long) openTimes.length * Feature.COUNT)
            throw new IllegalArgumentException("feature matrix: " + openTimes.length + " times, " + runIndex.length
                    + " run indices and " + values.length + " values do not match " + Feature.COUNT + " features");
        this.symbol = symbol;
        this.interval = interval;
        this.openTimes = openTimes;
        this.runIndex = runIndex;
        this.values = values;
        this.schemaHash = schemaHash;
    }

    public Symbol symbol() { return symbol; }
    public Interval interval() { return interval; }
    public int rows() { return openTimes.length; }
    public long openTime(int row) { return openTimes[row]; }
    public long[] openTimes() { return openTimes; }
    public int runIndex(int row) { return runIndex[row]; }
    public String schemaHash() { return schemaHash; }

    public double get(int row, Feature f) { return values[row * Feature.COUNT + f.ordinal()]; }
    public double get(int row, int feature) { return values[row * Feature.COUNT + feature]; }

    /** Every feature of this row is past its warm-up. */
    public boolean complete(int row) { return runIndex[row] >= Feature.maxWarmup(); }

    public double[] row(int row) {
        double[] r = new double[Feature.COUNT];
        System.arraycopy(values, row * Feature.COUNT, r, 0, Feature.COUNT);
        return r;
    }

    public double[] column(Feature f) {
        double[] c = new double[rows()];
        for (int i = 0; i < c.length; i++) c[i] = get(i, f);
        return c;
    }

    /** The backing row-major array (not a copy). */
    public double[] values() { return values; }
}

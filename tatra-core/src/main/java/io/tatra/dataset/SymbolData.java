package io.tatra.dataset;

import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.labels.LabelSet;
import io.tatra.market.BarSeries;

/**
 * One symbol inside a dataset: its bars (with funding and open interest when known), raw feature rows (float32, NaN kept), labels, and the rows that
 * can end a sample window: every feature of every row of the window is past its warm-up, the window lies in
 * one gap-free run, and every label of the last row is valid.
 */
public record SymbolData(MarketFrame frame, float[] features, int[] runIndex, LabelSet labels, int[] sampleRows) {
    public SymbolData {
        BarSeries bars = frame.bars();
        int n = bars.size();
        if (features.length != n * Feature.COUNT || runIndex.length != n || labels.rows() != n)
            throw new IllegalArgumentException(bars.symbol() + ": bars, features, run indices and labels have different lengths");
    }

    /** Rows usable as the last step of a window of {@code window} bars. */
    public static int[] sampleRows(int[] runIndex, LabelSet labels, int window) {
        int need = Feature.maxWarmup() + window - 1;
        return java.util.stream.IntStream.range(0, runIndex.length).filter(i -> runIndex[i] >= need && labels.valid()[i]).toArray();
    }

    /**
     * Rows that can end a window a strategy decides on: full warm-up and window in one gap-free run, labels not
     * required (the last bars of the data and the bars before a gap have no labels yet, but a strategy decides there).
     */
    public int[] decisionRows(int window) {
        int need = Feature.maxWarmup() + window - 1;
        return java.util.stream.IntStream.range(0, runIndex.length).filter(i -> runIndex[i] >= need).toArray();
    }

    public BarSeries bars() { return frame.bars(); }

    public long sampleTime(int k) { return frame.bars().openTimeMillis(sampleRows[k]); }
}

package io.tatra.gbm;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;

import java.util.ArrayList;
import java.util.List;

/**
 * The tabular view of a window that a tree model reads: for each of the 64 features, its (normalized) value at the
 * window's last step and its means over the last 24 and the last 96 steps: 192 columns. Only rows up to and including
 * the window's last bar are read, so nothing comes from after the decision. Normalized with the fold's normalization
 * (fitted on training rows only), like every other contender's inputs. A batch of stored windows ({@link #rows}) and
 * one live window ({@link #of(float[], int, double[], int)}) go through the same arithmetic, so they agree to the bit.
 */
public final class WindowSummary {
    /** The spans of the means, in steps. */
    public static final int SHORT = 24, LONG = 96;
    public static final int COLUMNS = 3 * Feature.COUNT;

    private final List<float[]> normalized = new ArrayList<>();

    public WindowSummary(List<SymbolData> symbols, Normalization norm) {
        int d = Feature.COUNT;
        for (SymbolData s : symbols) {
            int n = s.features().length / d;
            float[] z = new float[n * d];
            for (int r = 0; r < n; r++) norm.apply(s.features(), r * d, z, r * d);
            normalized.add(z);
        }
    }

    public static WindowSummary of(FoldWindows w) { return new WindowSummary(w.symbols(), w.normalization()); }

    /** The summaries of these windows, {@code [samples × COLUMNS]} row-major. */
    public double[] rows(List<Dataset.Sample> samples) {
        int d = Feature.COUNT;
        double[] out = new double[samples.size() * COLUMNS];
        for (int i = 0; i < samples.size(); i++) {
            Dataset.Sample s = samples.get(i);
            int r = s.row();
            if (r + 1 < LONG) throw new IllegalArgumentException("window ending at row " + r + " has fewer than " + LONG + " steps of history");
            of(normalized.get(s.symbol()), (r + 1 - LONG) * d, out, i * COLUMNS);
        }
        return out;
    }

    /**
     * One window's summary from its normalized values: {@code window} holds {@link #LONG} steps × 64 features from
     * {@code offset}, oldest first (a live window, or a stretch of a symbol's normalized rows); written at {@code at}.
     */
    public static void of(float[] window, int offset, double[] out, int at) {
        int d = Feature.COUNT;
        if (offset < 0 || offset + LONG * d > window.length) throw new IllegalArgumentException("a window is " + LONG + " × " + d + " values");
        int last = offset + (LONG - 1) * d;
        for (int j = 0; j < d; j++) {
            double shortSum = 0, longSum = 0;
            for (int k = 0; k < LONG; k++) {
                float v = window[offset + k * d + j];
                double x = Float.isFinite(v) ? v : 0;
                longSum += x;
                if (k >= LONG - SHORT) shortSum += x;
            }
            out[at + j] = window[last + j];
            out[at + d + j] = shortSum / SHORT;
            out[at + 2 * d + j] = longSum / LONG;
        }
    }

    /** Column names: each feature's code, then {@code code_mean24}, then {@code code_mean96}. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String suffix : new String[]{"", "_mean" + SHORT, "_mean" + LONG})
            for (Feature f : Feature.values()) out.add(f.name().toLowerCase(java.util.Locale.ROOT) + suffix);
        return out;
    }
}

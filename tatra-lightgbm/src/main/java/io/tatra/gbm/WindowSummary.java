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
 * (fitted on training rows only), like every other contender's inputs.
 */
public final class WindowSummary {
    /** The spans of the means, in steps. */
    public static final int SHORT = 24, LONG = 96;
    public static final int COLUMNS = 3 * Feature.COUNT;

    private final List<double[]> prefix = new ArrayList<>(); // per symbol: (rows + 1) × 64 running sums of normalized values
    private final List<float[]> normalized = new ArrayList<>();

    public WindowSummary(List<SymbolData> symbols, Normalization norm) {
        int d = Feature.COUNT;
        for (SymbolData s : symbols) {
            int n = s.features().length / d;
            float[] z = new float[n * d];
            for (int r = 0; r < n; r++) norm.apply(s.features(), r * d, z, r * d);
            double[] p = new double[(n + 1) * d];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < d; j++) {
                    float v = z[r * d + j];
                    p[(r + 1) * d + j] = p[r * d + j] + (Float.isFinite(v) ? v : 0);
                }
            normalized.add(z);
            prefix.add(p);
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
            float[] z = normalized.get(s.symbol());
            double[] p = prefix.get(s.symbol());
            int o = i * COLUMNS;
            for (int j = 0; j < d; j++) {
                out[o + j] = z[r * d + j];
                out[o + d + j] = (p[(r + 1) * d + j] - p[(r + 1 - SHORT) * d + j]) / SHORT;
                out[o + 2 * d + j] = (p[(r + 1) * d + j] - p[(r + 1 - LONG) * d + j]) / LONG;
            }
        }
        return out;
    }

    /** Column names: each feature's code, then {@code code_mean24}, then {@code code_mean96}. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String suffix : new String[]{"", "_mean" + SHORT, "_mean" + LONG})
            for (Feature f : Feature.values()) out.add(f.name().toLowerCase(java.util.Locale.ROOT) + suffix);
        return out;
    }
}

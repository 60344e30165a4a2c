package io.tatra.dataset;

import io.tatra.features.Feature;
import io.tatra.market.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * Pooled, leakage-free training data: per-symbol features and labels, the folds, and one normalization per
 * fold fitted on that fold's training rows only.
 */
public record Dataset(DatasetConfig config, String schemaHash, Interval interval, List<SymbolData> symbols,
                      List<Fold> folds, List<Normalization> normalizations) {
    public Dataset {
        symbols = List.copyOf(symbols);
        folds = List.copyOf(folds);
        normalizations = List.copyOf(normalizations);
        if (folds.size() != normalizations.size()) throw new IllegalArgumentException(folds.size() + " folds but " + normalizations.size() + " normalizations");
    }

    /** A window ending at {@code row} of symbol number {@code symbol}. */
    public record Sample(int symbol, int row) {}

    public List<Sample> samples(int fold, Fold.Part part) { return samples(symbols, folds.get(fold), part); }

    /** Every sample of every symbol, whatever the folds (scoring a saved model on a whole period). */
    public List<Sample> allSamples() {
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) for (int row : symbols.get(s).sampleRows()) out.add(new Sample(s, row));
        return out;
    }

    /** Every window a strategy decides on, labelled or not (see {@link SymbolData#decisionRows}), symbol by symbol in time order. */
    public List<Sample> decisionSamples() {
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) for (int row : symbols.get(s).decisionRows(config.window())) out.add(new Sample(s, row));
        return out;
    }

    /** The decision windows (labelled or not) whose last bar falls in one part of a fold. */
    public List<Sample> decisionSamples(int fold, Fold.Part part) {
        Fold f = folds.get(fold);
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) {
            SymbolData d = symbols.get(s);
            for (int row : d.decisionRows(config.window())) if (f.partOf(d.bars().openTimeMillis(row)) == part) out.add(new Sample(s, row));
        }
        return out;
    }

    /** Open time of the earliest sample over all symbols. */
    public long firstSampleTime() {
        long t = Long.MAX_VALUE;
        for (SymbolData d : symbols) t = Math.min(t, d.sampleTime(0));
        return t;
    }

    /** Open time of the latest sample over all symbols. */
    public long lastSampleTime() {
        long t = Long.MIN_VALUE;
        for (SymbolData d : symbols) t = Math.max(t, d.sampleTime(d.sampleRows().length - 1));
        return t;
    }

    /** The samples of these symbols that fall in one part of a fold. */
    public static List<Sample> samples(List<SymbolData> symbols, Fold f, Fold.Part part) {
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) {
            SymbolData d = symbols.get(s);
            for (int k = 0; k < d.sampleRows().length; k++)
                if (f.partOf(d.sampleTime(k)) == part) out.add(new Sample(s, d.sampleRows()[k]));
        }
        return out;
    }

    /**
     * The normalized input tensor for these samples: {@code [samples × window × 64]} floats, row-major. The
     * last step of each window is the sample's row; earlier steps are the rows before it.
     */
    public float[] windows(int fold, List<Sample> samples) { return windows(symbols, normalizations.get(fold), config.window(), samples); }

    /**
     * The same tensor with a given normalization (a saved model's, applied unchanged to later data) over any
     * symbols: {@code [samples × window × 64]}.
     */
    public static float[] windows(List<SymbolData> symbols, Normalization norm, int window, List<Sample> samples) {
        int w = window, width = Feature.COUNT;
        float[] out = new float[Math.multiplyExact(samples.size(), w * width)];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            float[] raw = symbols.get(s.symbol()).features();
            int firstRow = s.row() - w + 1;
            for (int step = 0; step < w; step++)
                norm.apply(raw, (firstRow + step) * width, out, (i * w + step) * width);
        }
        return out;
    }
}

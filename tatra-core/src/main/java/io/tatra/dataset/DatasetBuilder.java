package io.tatra.dataset;

import io.tatra.features.Feature;
import io.tatra.features.FeatureEngine;
import io.tatra.features.FeatureMatrix;
import io.tatra.features.MarketFrame;
import io.tatra.labels.LabelSet;
import io.tatra.labels.Labeler;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Features → labels → sample rows → folds → per-fold normalization, for several symbols pooled. */
public final class DatasetBuilder {
    private DatasetBuilder() {}

    /**
     * @param trueRegimes per symbol, the generator's regimes (synthetic data), or an empty map
     * @param progress    receives one line per finished step
     */
    public static Dataset build(List<MarketFrame> frames, Map<Symbol, List<Regime>> trueRegimes, DatasetConfig cfg,
                                Consumer<String> progress) {
        Dataset base = unsplit(frames, trueRegimes, cfg, progress);
        return withFolds(base, Splitter.split(base.firstSampleTime(), base.lastSampleTime(), base.interval().millis(), cfg.split()), progress);
    }

    /** Features, labels and sample rows, without folds: for scoring a saved model on any period (its own normalization). */
    public static Dataset unsplit(List<MarketFrame> frames, Map<Symbol, List<Regime>> trueRegimes, DatasetConfig cfg, Consumer<String> progress) {
        if (frames.isEmpty()) throw new io.tatra.TatraException("no symbols to build a dataset from");
        var interval = frames.get(0).bars().interval();
        FeatureEngine engine = new FeatureEngine(cfg.features());
        List<SymbolData> data = new ArrayList<>();
        for (MarketFrame frame : frames) {
            var bars = frame.bars();
            if (bars.interval() != interval) throw new io.tatra.TatraException(bars.symbol() + " is " + bars.interval().code() + " but " + frames.get(0).bars().symbol() + " is " + interval.code() + "; one interval per dataset");
            FeatureMatrix fm = engine.compute(frame);
            LabelSet labels = Labeler.compute(bars, cfg.labels(), trueRegimes.get(bars.symbol()));
            int[] run = new int[fm.rows()];
            for (int i = 0; i < run.length; i++) run[i] = fm.runIndex(i);
            int[] rows = SymbolData.sampleRows(run, labels, cfg.window());
            if (rows.length == 0) {
                int need = Feature.maxWarmup() + cfg.window() + cfg.labels().lookahead();
                throw new io.tatra.TatraException(bars.symbol() + ": " + bars.size() + " bars give no sample; a window needs " + Feature.maxWarmup()
                        + " warm-up bars + " + cfg.window() + " window bars + " + cfg.labels().lookahead() + " bars of label lookahead = " + need + " gap-free bars");
            }
            double[] v = fm.values();
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
            data.add(new SymbolData(frame, f, run, labels, rows));
            progress.accept(bars.symbol() + ": " + bars.size() + " bars, " + rows.length + " samples");
        }
        return new Dataset(cfg, engine.schema().hash(), interval, data, List.of(), List.of());
    }

    /** The same data with these folds, each with its normalization fitted on its training samples; empty folds are refused. */
    public static Dataset withFolds(Dataset base, List<Fold> folds, Consumer<String> progress) {
        List<Normalization> norms = new ArrayList<>();
        for (Fold fold : folds) {
            int train = Dataset.samples(base.symbols(), fold, Fold.Part.TRAIN).size(), test = Dataset.samples(base.symbols(), fold, Fold.Part.TEST).size();
            if (train == 0 || (test == 0 && !fold.test().isEmpty()))
                throw new io.tatra.TatraException("fold " + fold.name() + " is empty: " + train + " training and " + test + " test samples; use fewer folds or more data");
            norms.add(fitOnTrain(base.symbols(), fold, base.schemaHash(), base.config().clip()));
            progress.accept("fold " + fold.name() + ": " + train + " train, " + Dataset.samples(base.symbols(), fold, Fold.Part.VALIDATION).size() + " validation, " + test + " test samples");
        }
        return new Dataset(base.config(), base.schemaHash(), base.interval(), base.symbols(), folds, norms);
    }

    /** Fits a fold's normalization on the feature rows of its training samples, all symbols pooled. */
    public static Normalization fitOnTrain(List<SymbolData> symbols, Fold fold, String schemaHash, double clip) {
        List<Dataset.Sample> train = Dataset.samples(symbols, fold, Fold.Part.TRAIN);
        double[][] cols = new double[Feature.COUNT][train.size()];
        for (int i = 0; i < train.size(); i++) {
            Dataset.Sample s = train.get(i);
            float[] raw = symbols.get(s.symbol()).features();
            for (int f = 0; f < Feature.COUNT; f++) cols[f][i] = raw[s.row() * Feature.COUNT + f];
        }
        return Normalization.fit(schemaHash, fold.name() + " train " + fold.train(), cols, train.size(), clip);
    }
}

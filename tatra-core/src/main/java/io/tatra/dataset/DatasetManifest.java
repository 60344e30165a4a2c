package io.tatra.dataset;

import io.tatra.features.FeatureSchema;
import io.tatra.labels.LabelSet;
import io.tatra.market.Interval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a dataset directory holds, readable without loading it: config, schema, symbols and class balance. */
public record DatasetManifest(String format, Instant created, FeatureSchema schema, Interval interval, DatasetConfig config,
                             List<SymbolSummary> symbols, List<FoldSummary> folds) {

    /** Class counts over the symbol's valid sample rows: direction [down, sideways, up], regime [bull, bear, sideways], barrier [stop, timeout, take]. */
    public record SymbolSummary(String symbol, int bars, Instant from, Instant to, int samples, long[] direction, long[] regime,
                                long[] trueRegime, long[] barrier) {}

    public record FoldSummary(String name, int train, int validation, int test) {}

    public static final String FORMAT = "tatra-dataset-1";

    static DatasetManifest of(Dataset ds) {
        List<SymbolSummary> syms = new ArrayList<>();
        for (SymbolData d : ds.symbols()) {
            LabelSet l = d.labels();
            long[] dir = new long[3], reg = new long[3], truth = new long[3], bar = new long[3];
            for (int r : d.sampleRows()) {
                dir[l.direction()[r]]++;
                reg[l.regime()[r]]++;
                if (l.trueRegime()[r] >= 0) truth[l.trueRegime()[r]]++;
                bar[l.barrier()[r] + 1]++;
            }
            var b = d.bars();
            syms.add(new SymbolSummary(b.symbol().value(), b.size(), b.openTime(0), b.openTime(b.size() - 1), d.sampleRows().length,
                    dir, reg, truth[0] + truth[1] + truth[2] == 0 ? null : truth, bar));
        }
        List<FoldSummary> folds = new ArrayList<>();
        for (int k = 0; k < ds.folds().size(); k++)
            folds.add(new FoldSummary(ds.folds().get(k).name(), ds.samples(k, Fold.Part.TRAIN).size(),
                    ds.samples(k, Fold.Part.VALIDATION).size(), ds.samples(k, Fold.Part.TEST).size()));
        return new DatasetManifest(FORMAT, Instant.now(), FeatureSchema.of(ds.config().features()), ds.interval(), ds.config(), syms, folds);
    }
}

package io.tatra.dataset;

import io.tatra.features.Feature;
import io.tatra.features.FeatureEngine;
import io.tatra.features.FeatureMatrix;
import io.tatra.features.FeatureSchema;
import io.tatra.labels.LabelSet;
import io.tatra.labels.Labeler;
import io.tatra.market.BarSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The leakage checks `tatra data audit` runs on a dataset:
 * <ol>
 *   <li>schema: the dataset's feature schema is the one this build computes;</li>
 *   <li>features-recomputed: the stored features equal a fresh computation from the stored bars;</li>
 *   <li>labels-recomputed: likewise for the labels;</li>
 *   <li>future-perturbation: rewriting every bar after a cut moves no feature at or before the cut, and no label
 *       whose lookahead ends before it (three cuts per symbol);</li>
 *   <li>windows-warm: every sample's window lies in one gap-free run with every feature past its warm-up;</li>
 *   <li>purge-embargo: the configured purge and embargo cover the label lookahead and window;</li>
 *   <li>disjoint-parts: no sample is in two parts of a fold, and no fold has an empty train or test part;</li>
 *   <li>label-span-overlap: for each fold, no training sample's label span [t, t+lookahead] reaches into any
 *       validation or test sample's span [t'−window+1, t'+lookahead], and vice versa;</li>
 *   <li>normalization-train-only: refitting each fold's normalization on its training rows reproduces the
 *       saved statistics exactly (and a fit that includes test rows would differ).</li>
 * </ol>
 */
public final class DatasetAudit {
    private DatasetAudit() {}

    public static List<AuditCheck> run(Dataset ds) {
        List<AuditCheck> out = new ArrayList<>();
        String current = FeatureSchema.of(ds.config().features()).hash();
        out.add(new AuditCheck("schema", current.equals(ds.schemaHash()), "dataset " + abbrev(ds.schemaHash()) + ", this build " + abbrev(current)));
        out.add(recompute(ds));
        out.add(perturbation(ds));
        out.add(windowsWarm(ds));
        out.add(purgeEmbargo(ds));
        out.add(disjoint(ds));
        out.add(spanOverlap(ds));
        out.add(normalization(ds));
        return out;
    }

    private static String abbrev(String h) { return h.length() > 12 ? h.substring(0, 12) : h; }

    private static AuditCheck recompute(Dataset ds) {
        FeatureEngine engine = new FeatureEngine(ds.config().features());
        long featureDiffs = 0, labelDiffs = 0;
        for (SymbolData d : ds.symbols()) {
            double[] v = engine.compute(d.frame()).values();
            for (int i = 0; i < v.length; i++) if (Float.floatToIntBits((float) v[i]) != Float.floatToIntBits(d.features()[i])) featureDiffs++;
            LabelSet fresh = Labeler.compute(d.bars(), ds.config().labels(), truth(d.labels()));
            for (int i = 0; i < fresh.rows(); i++) if (!sameLabels(fresh, d.labels(), i)) labelDiffs++;
        }
        return new AuditCheck("features-and-labels-recomputed", featureDiffs == 0 && labelDiffs == 0,
                featureDiffs + " feature values and " + labelDiffs + " label rows differ from a fresh computation on the stored bars");
    }

    private static List<io.tatra.market.Regime> truth(LabelSet l) {
        if (l.rows() == 0 || l.trueRegime()[0] < 0) return null;
        List<io.tatra.market.Regime> r = new ArrayList<>();
        for (byte b : l.trueRegime()) r.add(io.tatra.market.Regime.values()[b]);
        return r;
    }

    private static boolean sameLabels(LabelSet a, LabelSet b, int i) {
        return a.valid()[i] == b.valid()[i] && a.direction()[i] == b.direction()[i] && a.regime()[i] == b.regime()[i]
                && a.barrier()[i] == b.barrier()[i] && a.barrierBars()[i] == b.barrierBars()[i]
                && Double.compare(a.forwardReturn()[i], b.forwardReturn()[i]) == 0
                && Double.compare(a.forwardVolatility()[i], b.forwardVolatility()[i]) == 0;
    }

    private static AuditCheck perturbation(Dataset ds) {
        FeatureEngine engine = new FeatureEngine(ds.config().features());
        int look = ds.config().labels().lookahead();
        long compared = 0;
        List<String> moved = new ArrayList<>();
        for (SymbolData d : ds.symbols()) {
            BarSeries b = d.bars();
            FeatureMatrix base = engine.compute(d.frame());
            LabelSet baseLabels = Labeler.compute(b, ds.config().labels());
            for (double q : new double[]{0.3, 0.6, 0.9}) {
                int cut = (int) (b.size() * q);
                BarSeries p = perturbAfter(b, cut);
                long closeOfCut = b.openTimeMillis(cut) + b.interval().millis();
                var frame = new io.tatra.features.MarketFrame(p,
                        d.frame().funding().stream().map(x -> x.time().toEpochMilli() <= closeOfCut ? x : new io.tatra.market.FundingRate(x.symbol(), x.time(), -x.rate())).toList(),
                        d.frame().openInterest().stream().map(x -> x.time().toEpochMilli() <= closeOfCut ? x : new io.tatra.market.OpenInterest(x.symbol(), x.time(), x.value() * 2 + 1)).toList(), null);
                FeatureMatrix pf = engine.compute(frame);
                LabelSet pl = Labeler.compute(p, ds.config().labels());
                for (int i = 0; i <= cut; i++) {
                    for (int f = 0; f < Feature.COUNT; f++) {
                        compared++;
                        if (Double.compare(base.get(i, f), pf.get(i, f)) != 0 && moved.size() < 5)
                            moved.add(b.symbol() + " " + Feature.at(f).id() + " at " + b.openTime(i));
                    }
                    if (i + look < cut && !sameLabels(baseLabels, pl, i) && moved.size() < 5) moved.add(b.symbol() + " labels at " + b.openTime(i));
                }
            }
        }
        return new AuditCheck("future-perturbation", moved.isEmpty(), moved.isEmpty()
                ? compared + " feature values at or before 3 cuts per symbol unchanged when every later bar was rewritten"
                : "values moved: " + String.join("; ", moved));
    }

    /** Bars after {@code cut} replaced by a mirrored, rescaled path with triple volume. */
    static BarSeries perturbAfter(BarSeries b, int cut) {
        BarSeries.Builder out = BarSeries.builder(b.symbol(), b.interval(), b.size());
        for (int i = 0; i < b.size(); i++) {
            if (i <= cut) { out.add(b.openTimeMillis(i), b.open(i), b.high(i), b.low(i), b.close(i), b.volume(i)); continue; }
            double k = b.close(cut) * b.close(cut);
            double o = k / b.open(i) * 1.001, c = k / b.close(i), h = k / b.low(i), l = k / b.high(i);
            out.add(b.openTimeMillis(i), o, Math.max(h, Math.max(o, c)), Math.min(l, Math.min(o, c)), c, b.volume(i) * 3 + 1);
        }
        return out.build();
    }

    private static AuditCheck windowsWarm(Dataset ds) {
        int need = Feature.maxWarmup() + ds.config().window() - 1, bad = 0, total = 0;
        for (SymbolData d : ds.symbols()) {
            for (int r : d.sampleRows()) {
                total++;
                int first = r - ds.config().window() + 1;
                if (d.runIndex()[r] < need || first < 0 || d.runIndex()[first] < Feature.maxWarmup() || !d.labels().valid()[r]) bad++;
            }
        }
        return new AuditCheck("windows-warm", bad == 0 && total > 0, total + " sample windows, " + bad + " with a cold feature, a gap or an invalid label");
    }

    private static AuditCheck purgeEmbargo(Dataset ds) {
        try {
            ds.config().split().checkAgainst(ds.config().window(), ds.config().labels().lookahead());
            return new AuditCheck("purge-embargo", true, "purge " + ds.config().split().purge() + " >= lookahead " + ds.config().labels().lookahead()
                    + ", embargo " + ds.config().split().embargo() + " >= window + lookahead " + (ds.config().window() + ds.config().labels().lookahead()));
        } catch (IllegalArgumentException e) {
            return new AuditCheck("purge-embargo", false, e.getMessage());
        }
    }

    private static AuditCheck disjoint(Dataset ds) {
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < ds.folds().size(); k++) {
            Fold f = ds.folds().get(k);
            int train = ds.samples(k, Fold.Part.TRAIN).size(), test = ds.samples(k, Fold.Part.TEST).size();
            if (train == 0 || test == 0) problems.add(f.name() + " has " + train + " train and " + test + " test samples");
            for (Span a : f.test()) {
                for (Span b : f.train()) if (a.from() <= b.to() && b.from() <= a.to()) problems.add(f.name() + ": test " + a + " overlaps train " + b);
                for (Span b : f.validation()) if (a.from() <= b.to() && b.from() <= a.to()) problems.add(f.name() + ": test " + a + " overlaps validation " + b);
            }
        }
        return new AuditCheck("disjoint-parts", problems.isEmpty(), problems.isEmpty() ? ds.folds().size() + " folds, parts disjoint and non-empty" : String.join("; ", problems));
    }

    private static AuditCheck spanOverlap(Dataset ds) {
        long step = ds.interval().millis();
        long look = ds.config().labels().lookahead() * step, back = (ds.config().window() - 1) * step;
        long closest = Long.MAX_VALUE;
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < ds.folds().size(); k++) {
            long[] train = times(ds, k, Fold.Part.TRAIN);
            long[] eval = concat(times(ds, k, Fold.Part.VALIDATION), times(ds, k, Fold.Part.TEST));
            for (long e : eval) {
                // nearest training samples before and after this evaluated sample
                int pos = Arrays.binarySearch(train, e);
                if (pos >= 0) { problems.add(ds.folds().get(k).name() + ": a sample time is in train and evaluation"); break; }
                int ins = -pos - 1;
                if (ins > 0) {
                    long t = train[ins - 1];
                    closest = Math.min(closest, (e - back) - (t + look));
                    if (t + look >= e - back) { problems.add(ds.folds().get(k).name() + ": train label span ending " + java.time.Instant.ofEpochMilli(t + look) + " reaches an evaluated window"); break; }
                }
                if (ins < train.length) {
                    long t = train[ins];
                    closest = Math.min(closest, (t - back) - (e + look));
                    if (e + look >= t - back) { problems.add(ds.folds().get(k).name() + ": evaluated label span reaches a training window at " + java.time.Instant.ofEpochMilli(t)); break; }
                }
            }
        }
        return new AuditCheck("label-span-overlap", problems.isEmpty(), problems.isEmpty()
                ? "no overlap; closest train/evaluation spans are " + (closest == Long.MAX_VALUE ? "n/a" : (closest / step) + " bars apart")
                : String.join("; ", problems));
    }

    private static long[] times(Dataset ds, int fold, Fold.Part part) {
        return ds.samples(fold, part).stream().mapToLong(s -> ds.symbols().get(s.symbol()).bars().openTimeMillis(s.row())).sorted().distinct().toArray();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static AuditCheck normalization(Dataset ds) {
        List<String> problems = new ArrayList<>();
        int differsWithTest = 0;
        double[] allRowsCenter = fitOnAllRows(ds).center();
        for (int k = 0; k < ds.folds().size(); k++) {
            Normalization saved = ds.normalizations().get(k), refit = DatasetBuilder.fitOnTrain(ds.symbols(), ds.folds().get(k), ds.schemaHash(), ds.config().clip());
            if (!Arrays.equals(saved.center(), refit.center()) || !Arrays.equals(saved.scale(), refit.scale()) || saved.rows() != refit.rows())
                problems.add(ds.folds().get(k).name() + ": saved statistics are not those of its training rows");
            if (!saved.schemaHash().equals(ds.schemaHash())) problems.add(ds.folds().get(k).name() + ": normalization has another schema hash");
            if (!Arrays.equals(allRowsCenter, saved.center())) differsWithTest++;
        }
        return new AuditCheck("normalization-train-only", problems.isEmpty(), problems.isEmpty()
                ? ds.folds().size() + " fold normalizations equal a refit on their training rows only (" + differsWithTest + " would differ if fitted on all rows)"
                : String.join("; ", problems));
    }

    /** The normalization a leaky build would have used: every sample row, test rows included. */
    private static Normalization fitOnAllRows(Dataset ds) {
        int total = ds.symbols().stream().mapToInt(d -> d.sampleRows().length).sum();
        double[][] cols = new double[Feature.COUNT][total];
        int i = 0;
        for (SymbolData d : ds.symbols())
            for (int r : d.sampleRows()) {
                for (int f = 0; f < Feature.COUNT; f++) cols[f][i] = d.features()[r * Feature.COUNT + f];
                i++;
            }
        return Normalization.fit(ds.schemaHash(), "all rows", cols, total, ds.config().clip());
    }
}

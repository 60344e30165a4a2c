package io.tatra.gbm;

import io.tatra.meta.DataSufficiency;
import io.tatra.meta.MetaExample;
import io.tatra.meta.MetaSplit;
import io.tatra.metrics.Metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Design document 003's win probability: LightGBM boosters that read a primary decision's features and predict
 * whether its trade wins ({@code win_30m}, {@code win_5m}) and its return, trained on the training part of a
 * {@link MetaSplit} with early stopping on the validation part. The acceptance threshold on P(win_30m) is chosen on
 * the validation part (the one with the best mean net P&L per accepted trade, accepting at least a fifth of them),
 * then applied once to the test part, where the accepted trades are compared with all of them, net of costs.
 */
public final class MetaLabelModel implements AutoCloseable {
    private final GbmModel win30m, win5m, ret;
    private final List<String> featureNames;
    private final double threshold, returnScale;
    private final Labels labels;

    /**
     * What the two win labels are called: the journals' {@code win_30m} and {@code win_5m}, or the bar source's
     * triple-barrier net win and its one-bar equivalent.
     */
    public record Labels(String main, String early) {
        public static final Labels JOURNALS = new Labels("win_30m", "win_5m");

        public Labels {
            if (main == null || early == null || main.equals(early) || main.equals("return") || early.equals("return"))
                throw new IllegalArgumentException("two distinct label names other than 'return' are required, got " + main + " and " + early);
        }
    }

    private MetaLabelModel(GbmModel win30m, GbmModel win5m, GbmModel ret, List<String> featureNames, double threshold, double returnScale, Labels labels) {
        this.labels = labels;
        this.win30m = win30m;
        this.win5m = win5m;
        this.ret = ret;
        this.featureNames = List.copyOf(featureNames);
        this.threshold = threshold;
        this.returnScale = returnScale;
    }

    /** Trades of one part under a policy: count, net win rate, mean and total net P&L. */
    public record Trades(int count, double netWinRate, double meanNetPnl, double totalNetPnl) {
        static Trades of(List<MetaExample> ex) {
            if (ex.isEmpty()) return new Trades(0, Double.NaN, Double.NaN, 0);
            double total = 0;
            int wins = 0;
            for (MetaExample e : ex) { total += e.netPnl(); if (e.netWin()) wins++; }
            return new Trades(ex.size(), (double) wins / ex.size(), total / ex.size(), total);
        }
    }

    /** What training found: the parts, the boosters' rounds, the test metrics and the filter's effect on the test trades. */
    public record Report(int train, int validation, int test, int purged, int embargoed, List<String> warnings, Map<String, Integer> rounds,
                         double threshold, double testAuc, double testLogLoss, double baseRateLogLoss, double testBrier, double baseRateBrier,
                         double returnIc, Trades allTest, Trades acceptedTest, Map<String, Double> gainImportance, Labels labels) {}

    public record Trained(MetaLabelModel model, Report report) implements AutoCloseable {
        @Override public void close() { model.close(); }
    }

    public static Trained train(MetaSplit split, List<String> featureNames, GbmConfig base, Consumer<String> log) {
        return train(split, featureNames, Labels.JOURNALS, base, log);
    }

    /** Trains on the main label (the threshold's), the early one and the return; {@code labels} names them in logs, rounds and texts. */
    public static Trained train(MetaSplit split, List<String> featureNames, Labels labels, GbmConfig base, Consumer<String> log) {
        List<String> warnings = new ArrayList<>();
        for (String w : new String[]{DataSufficiency.META_LABELS.check(split.train().size(), "the training part"),
                DataSufficiency.META_LABELS.check(split.train().size() + split.validation().size() + split.test().size()
                + split.purged() + split.embargoed(), "all the journals together")})
            if (w != null) { warnings.add(w); log.accept(w); }
        if (split.validation().isEmpty() || split.test().isEmpty())
            throw new io.tatra.TatraException("the validation or test part is empty after purge and embargo; use more trades or a shorter --embargo");
        int f = featureNames.size();
        GbmConfig cfg = base.withMinDataInLeaf(Math.max(5, Math.min(base.minDataInLeaf(), split.train().size() / 20)));
        Map<String, Integer> rounds = new LinkedHashMap<>();
        GbmModel w30 = null, w5 = null, r = null;
        try {
            w30 = fit(split, f, cfg, featureNames, GbmObjective.BINARY, e -> e.win30m() ? 1f : 0f, labels.main(), rounds, log);
            w5 = fit(split, f, cfg, featureNames, GbmObjective.BINARY, e -> e.win5m() ? 1f : 0f, labels.early(), rounds, log);
            double scale = returnScale(split.train());
            r = fit(split, f, cfg, featureNames, GbmObjective.HUBER, e -> (float) (e.grossReturn() / scale), "return", rounds, log);
        } catch (RuntimeException e) {
            for (GbmModel m : new GbmModel[]{w30, w5, r}) if (m != null) m.close();
            throw e;
        }
        double[] pVal = w30.predict(matrix(split.validation(), f), split.validation().size());
        double threshold = chooseThreshold(split.validation(), pVal);
        MetaLabelModel model = new MetaLabelModel(w30, w5, r, featureNames, threshold, returnScale(split.train()), labels);
        return new Trained(model, model.report(split, rounds, warnings));
    }

    private Report report(MetaSplit split, Map<String, Integer> rounds, List<String> warnings) {
        List<MetaExample> test = split.test();
        int n = test.size(), f = featureNames.size();
        double[] x = matrix(test, f), p = win30m.predict(x, n), rp = ret.predict(x, n);
        boolean[] y = new boolean[n];
        double[] actual = new double[n];
        double base = 0;
        for (MetaExample e : split.train()) base += e.win30m() ? 1 : 0;
        base = Math.min(1 - 1e-6, Math.max(1e-6, base / split.train().size()));
        double ll = 0, ll0 = 0, brier = 0, brier0 = 0;
        List<MetaExample> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = test.get(i).win30m();
            actual[i] = test.get(i).grossReturn();
            double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
            ll -= y[i] ? Math.log(q) : Math.log(1 - q);
            ll0 -= y[i] ? Math.log(base) : Math.log(1 - base);
            brier += Math.pow(p[i] - (y[i] ? 1 : 0), 2);
            brier0 += Math.pow(base - (y[i] ? 1 : 0), 2);
            if (p[i] >= threshold) accepted.add(test.get(i));
        }
        double[] gain = win30m.importance(true);
        Map<String, Double> imp = new LinkedHashMap<>();
        Integer[] order = new Integer[f];
        for (int i = 0; i < f; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(gain[b], gain[a]));
        for (int i = 0; i < Math.min(15, f); i++) if (gain[order[i]] > 0) imp.put(featureNames.get(order[i]), gain[order[i]]);
        return new Report(split.train().size(), split.validation().size(), n, split.purged(), split.embargoed(), warnings, rounds, threshold,
                Metrics.auc(p, y), ll / n, ll0 / n, brier / n, brier0 / n, Metrics.spearman(rp, actual), Trades.of(test), Trades.of(accepted), imp, labels);
    }

    /** P(win_30m), P(win_5m) and the expected log return in the trade's direction, for one decision's features. */
    public double[] predict(double[] features) {
        if (features.length != featureNames.size()) throw new IllegalArgumentException(features.length + " features, the model reads " + featureNames.size());
        return new double[]{win30m.predict(features, 1)[0], win5m.predict(features, 1)[0], ret.predict(features, 1)[0] * returnScale};
    }

    /** Whether the filter lets this decision through: P(win_30m) at or above the validation threshold. */
    public boolean accepts(double[] features) { return predict(features)[0] >= threshold; }

    public double threshold() { return threshold; }

    public List<String> featureNames() { return featureNames; }

    /**
     * A saved model: the boosters' texts by label name ({@link #texts}), its features, threshold and return scale.
     * A missing booster is an error naming it.
     */
    public static MetaLabelModel of(Map<String, String> texts, List<String> featureNames, double threshold, double returnScale, Labels labels) {
        for (String k : new String[]{labels.main(), labels.early(), "return"})
            if (!texts.containsKey(k)) throw new IllegalArgumentException("the meta-label model has no '" + k + "' booster");
        if (!(returnScale > 0) || !Double.isFinite(threshold)) throw new IllegalArgumentException("threshold and return scale must be finite, the scale > 0");
        GbmModel a = GbmModel.fromText(texts.get(labels.main())), b = null, c = null;
        try {
            b = GbmModel.fromText(texts.get(labels.early()));
            c = GbmModel.fromText(texts.get("return"));
        } catch (RuntimeException e) {
            a.close();
            if (b != null) b.close();
            throw e;
        }
        return new MetaLabelModel(a, b, c, featureNames, threshold, returnScale, labels);
    }

    public double returnScale() { return returnScale; }

    /** The boosters' texts by label, for a model directory. */
    public Map<String, String> texts() { return Map.of(labels.main(), win30m.text(), labels.early(), win5m.text(), "return", ret.text()); }

    public Labels labels() { return labels; }

    /** The validation threshold: the candidate (0 = accept all, or a quantile of the validation P(win)) with the best mean net P&L, keeping ≥ 20 %. */
    static double chooseThreshold(List<MetaExample> validation, double[] p) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double best = 0, bestMean = Double.NEGATIVE_INFINITY;
        for (int q = 0; q <= 8; q++) {
            double t = q == 0 ? 0 : sorted[(int) Math.floor(sorted.length * q / 10.0)];
            double sum = 0;
            int k = 0;
            for (int i = 0; i < p.length; i++) if (p[i] >= t) { sum += validation.get(i).netPnl(); k++; }
            if (k < Math.max(1, validation.size() / 5)) continue;
            if (sum / k > bestMean + 1e-12) { bestMean = sum / k; best = t; }
        }
        return best;
    }

    private static double returnScale(List<MetaExample> train) {
        double[] a = new double[train.size()];
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(train.get(i).grossReturn());
        Arrays.sort(a);
        double m = a[a.length / 2];
        return m > 0 ? m : 1;
    }

    private static GbmModel fit(MetaSplit s, int f, GbmConfig cfg, List<String> names, GbmObjective obj, java.util.function.Function<MetaExample, Float> label,
                                String what, Map<String, Integer> rounds, Consumer<String> log) {
        GbmTrainer.Data tr = data(s.train(), f, label), va = data(s.validation(), f, label);
        GbmTrainer.Result r = GbmTrainer.train(tr, va, obj, 1, cfg, names, null);
        rounds.put(what, r.bestRound());
        log.accept(String.format(java.util.Locale.ROOT, "%s: %d rounds kept, validation %s %.5f", what, r.bestRound(), obj.metric(), r.bestValidation()));
        return r.model();
    }

    private static GbmTrainer.Data data(List<MetaExample> ex, int f, java.util.function.Function<MetaExample, Float> label) {
        float[] y = new float[ex.size()];
        for (int i = 0; i < y.length; i++) y[i] = label.apply(ex.get(i));
        return new GbmTrainer.Data(matrix(ex, f), ex.size(), f, y);
    }

    static double[] matrix(List<MetaExample> ex, int f) {
        double[] x = new double[ex.size() * f];
        for (int i = 0; i < ex.size(); i++) for (int j = 0; j < f; j++) x[i * f + j] = ex.get(i).feature(j);
        return x;
    }

    @Override
    public void close() {
        win30m.close();
        win5m.close();
        ret.close();
    }
}

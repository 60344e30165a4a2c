package io.tatra.gbm;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.Normalization;
import io.tatra.forecast.Contender;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.labels.LabelSet;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * LightGBM as a contender in {@code tatra evaluate}: one booster per core task on the {@link WindowSummary} of each
 * window (192 columns), trained on the fold's training windows with early stopping on its validation windows, one fit
 * per seed (the seed drives row and feature subsampling). Direction and regime: multiclass log-loss; volatility: gamma
 * deviance on the squared forward volatility (QLIKE's cousin), forecast as its square root; return: Huber on the
 * return standardized by the training median and IQR.
 */
public final class GbmContender implements Contender {
    public static final String CODE = "lightgbm";
    private final GbmConfig config;

    public GbmContender(GbmConfig config) { this.config = config; }

    @Override public String code() { return CODE; }

    @Override public String label() { return "LightGBM, window summary"; }

    @Override public boolean seeded() { return true; }

    @Override
    public Forecasts fit(FoldWindows data, long seed, Consumer<String> progress) {
        if (data.validation().isEmpty()) throw new IllegalArgumentException("LightGBM needs validation windows for early stopping; fold "
                + data.dataset().folds().get(data.fold()).name() + " has none");
        GbmConfig cfg = config.withSeed(seed);
        WindowSummary ws = WindowSummary.of(data);
        double[] xTr = ws.rows(data.train()), xVa = ws.rows(data.validation()), xTe = ws.rows(data.test());
        int f = WindowSummary.COLUMNS, n = data.test().size();
        List<String> names = WindowSummary.names();
        Forecasts out = Forecasts.none(n);

        out = out.with(CoreTasks.DIRECTION, classes(data, xTr, xVa, xTe, f, names, cfg, progress, "direction", LabelSet::direction));
        out = out.with(CoreTasks.REGIME, classes(data, xTr, xVa, xTe, f, names, cfg, progress, "regime", LabelSet::regime));

        float[] vTr = values(data, data.train(), l -> l.forwardVolatility(), true), vVa = values(data, data.validation(), l -> l.forwardVolatility(), true);
        double[] variance = fitPredict(new GbmTrainer.Data(xTr, data.train().size(), f, vTr), new GbmTrainer.Data(xVa, data.validation().size(), f, vVa),
                GbmObjective.GAMMA, 1, cfg, names, xTe, n, progress, "volatility");
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) sigma[i] = Math.sqrt(variance[i]);
        out = out.with(CoreTasks.VOLATILITY, sigma);

        float[] rTr = values(data, data.train(), LabelSet::forwardReturn, false), rVa = values(data, data.validation(), LabelSet::forwardReturn, false);
        double[] sorted = new double[rTr.length];
        for (int i = 0; i < rTr.length; i++) sorted[i] = rTr[i];
        Arrays.sort(sorted);
        double median = Normalization.quantile(sorted, 0.5), iqr = Normalization.quantile(sorted, 0.75) - Normalization.quantile(sorted, 0.25);
        double scale = iqr > 0 ? iqr / 1.349 : 1;
        double[] z = fitPredict(new GbmTrainer.Data(xTr, data.train().size(), f, standardize(rTr, median, scale)),
                new GbmTrainer.Data(xVa, data.validation().size(), f, standardize(rVa, median, scale)), GbmObjective.HUBER, 1, cfg, names, xTe, n, progress, "return");
        double[] ret = new double[n];
        for (int i = 0; i < n; i++) ret[i] = median + scale * z[i];
        return out.with(CoreTasks.RETURN, ret);
    }

    private double[] classes(FoldWindows d, double[] xTr, double[] xVa, double[] xTe, int f, List<String> names, GbmConfig cfg, Consumer<String> progress,
                             String task, java.util.function.Function<LabelSet, byte[]> label) {
        float[] yTr = classLabels(d, d.train(), label), yVa = classLabels(d, d.validation(), label);
        return fitPredict(new GbmTrainer.Data(xTr, d.train().size(), f, yTr), new GbmTrainer.Data(xVa, d.validation().size(), f, yVa),
                GbmObjective.MULTICLASS, 3, cfg, names, xTe, d.test().size(), progress, task);
    }

    private static double[] fitPredict(GbmTrainer.Data tr, GbmTrainer.Data va, GbmObjective objective, int classes, GbmConfig cfg, List<String> names,
                                       double[] xTe, int n, Consumer<String> progress, String task) {
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, objective, classes, cfg, names, line -> progress.accept(task + " " + line))) {
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %d rounds kept (of %d tried), validation %s %.5f, %.1f s",
                    task, r.bestRound(), r.curve().length, objective.metric(), r.bestValidation(), r.seconds()));
            return r.model().predict(xTe, n);
        }
    }

    private static float[] classLabels(FoldWindows d, List<Dataset.Sample> samples, java.util.function.Function<LabelSet, byte[]> label) {
        float[] y = new float[samples.size()];
        for (int i = 0; i < y.length; i++) {
            Dataset.Sample s = samples.get(i);
            y[i] = label.apply(d.symbols().get(s.symbol()).labels())[s.row()];
        }
        return y;
    }

    private static float[] values(FoldWindows d, List<Dataset.Sample> samples, java.util.function.Function<LabelSet, double[]> label, boolean squared) {
        float[] y = new float[samples.size()];
        for (int i = 0; i < y.length; i++) {
            Dataset.Sample s = samples.get(i);
            double v = label.apply(d.symbols().get(s.symbol()).labels())[s.row()];
            y[i] = (float) (squared ? Math.max(v * v, 1e-12) : v);
        }
        return y;
    }

    private static float[] standardize(float[] y, double center, double scale) {
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) out[i] = (float) ((y[i] - center) / scale);
        return out;
    }

    @Override public String toString() { return CODE; }
}

package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.SymbolData;
import io.tatra.forecast.CoreTasks;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.GbmObjective;
import io.tatra.gbm.GbmTask;
import io.tatra.gbm.GbmTrainer;
import io.tatra.gbm.WindowSummary;
import io.tatra.labels.RegimeDuration;
import io.tatra.metrics.Metrics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Design document 003's LightGBM regime task: the regime class with its probability, and the expected number of bars
 * until the regime label changes ({@link RegimeDuration}). Both are boosters on window summaries, trained before
 * {@code testFrom} (early-stopped on validation) and scored after it. The duration is a Poisson regression on the
 * count of bars: counts with a log link give the expected duration directly, and the only censored rows (the last
 * regime before a gap or the data's end) are left out rather than modelled, which a survival model would need many
 * more changes per run to pay for. A window's duration counts only when the change falls inside its own part
 * (training, validation or test), so no target reads the regimes of a later part.
 */
public final class RegimeService {
    private RegimeService() {}

    public record Request(DataRequest data, Instant testFrom, GbmConfig gbm) {}

    /** The latest window of a symbol: its regime probabilities (bull, bear, sideways), the most likely one and the expected bars until a change. */
    public record Now(String symbol, String asOf, String regime, double probability, double[] probabilities, double expectedBars) {}

    public record Report(int trainWindows, int testWindows, int durationTrainRows, int durationTestRows, int regimeRounds, int durationRounds,
                         double regimeLogLoss, double priorLogLoss, double regimeMacroF1, double meanConfidence,
                         double durationDeviance, double constantDeviance, double durationRankIc, double durationMae, double constantMae, double meanDuration,
                         List<Now> now) {}

    public static Report run(Path home, Request r, Consumer<String> log) {
        if (r.testFrom() == null) throw new TatraException("--test-from is required: the regime models are scored on the bars after it");
        Dataset ds = r.data().holdout(home, log, r.testFrom());
        FoldWindows w = new FoldWindows(ds, 0, ds.samples(0, Fold.Part.TRAIN), ds.samples(0, Fold.Part.VALIDATION), ds.samples(0, Fold.Part.TEST));
        if (w.test().isEmpty() || w.validation().isEmpty()) throw new TatraException("no validation or test windows around --test-from " + r.testFrom());
        WindowSummary ws = WindowSummary.of(w);
        double[] xTr = ws.rows(w.train()), xVa = ws.rows(w.validation()), xTe = ws.rows(w.test());
        int n = w.test().size(), f = WindowSummary.COLUMNS;
        double[] yTe = GbmTask.raw(w, w.test(), CoreTasks.REGIME);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = (int) yTe[i];
        double[] yTr = GbmTask.raw(w, w.train(), CoreTasks.REGIME), prior = new double[3];
        for (double v : yTr) prior[(int) v]++;
        for (int c = 0; c < 3; c++) prior[c] = (prior[c] + 1) / (yTr.length + 3);
        double[] priorRows = new double[n * 3];
        for (int i = 0; i < n; i++) System.arraycopy(prior, 0, priorRows, i * 3, 3);
        List<Now> now = new ArrayList<>();
        try (GbmTask.Trained regime = GbmTask.train(w, CoreTasks.REGIME, xTr, xVa, r.gbm(), log);
             Duration duration = Duration.train(w, xTr, xVa, r.gbm(), log)) {
            double[] p = regime.predict(xTe, n);
            double conf = 0;
            for (int i = 0; i < n; i++) conf += Math.max(p[3 * i], Math.max(p[3 * i + 1], p[3 * i + 2]));
            Duration.Scored d = duration.score(w, xTe);
            for (int s = 0; s < ds.symbols().size(); s++) {
                int last = -1;
                for (int i = 0; i < n; i++) if (w.test().get(i).symbol() == s) last = i;
                if (last < 0) continue;
                SymbolData sd = ds.symbols().get(s);
                double[] q = java.util.Arrays.copyOfRange(p, 3 * last, 3 * last + 3);
                int best = q[0] >= q[1] && q[0] >= q[2] ? 0 : q[1] >= q[2] ? 1 : 2;
                double[] row = java.util.Arrays.copyOfRange(xTe, last * f, (last + 1) * f);
                now.add(new Now(sd.bars().symbol().value(), Instant.ofEpochMilli(sd.bars().openTimeMillis(w.test().get(last).row()) + ds.interval().millis()).toString(),
                        CoreTasks.REGIME.classes().get(best), q[best], q, duration.booster().result().model().predict(row, 1)[0]));
            }
            return new Report(w.train().size(), n, duration.trainRows(), d.rows(), regime.result().bestRound(), duration.booster().result().bestRound(),
                    Metrics.logLoss(p, y, 3), Metrics.logLoss(priorRows, y, 3), Metrics.macroF1(Metrics.argmax(p, 3), y, 3), conf / n,
                    d.deviance(), d.constantDeviance(), d.rankIc(), d.mae(), d.constantMae(), duration.trainMean(), now);
        }
    }

    /** The duration booster: Poisson on the bars-to-change of the windows whose duration is known. */
    record Duration(GbmTask.Trained booster, int trainRows, double trainMean) implements AutoCloseable {
        record Scored(int rows, double deviance, double constantDeviance, double rankIc, double mae, double constantMae) {}

        static Duration train(FoldWindows w, double[] xTr, double[] xVa, GbmConfig cfg, Consumer<String> log) {
            Known tr = known(w, w.train(), xTr), va = known(w, w.validation(), xVa);
            if (tr.y().length < 50 || va.y().length < 10) throw new TatraException("too few regime changes to learn their duration: " + tr.y().length + " training and "
                    + va.y().length + " validation windows with a known duration");
            GbmTrainer.Result res = GbmTrainer.train(new GbmTrainer.Data(tr.x(), tr.y().length, WindowSummary.COLUMNS, tr.y()),
                    new GbmTrainer.Data(va.x(), va.y().length, WindowSummary.COLUMNS, va.y()), GbmObjective.POISSON, 1, cfg, WindowSummary.names(), null);
            log.accept(String.format(java.util.Locale.ROOT, "regime duration: %d rounds kept, validation Poisson deviance %.5f", res.bestRound(), res.bestValidation()));
            double mean = 0;
            for (float v : tr.y()) mean += v;
            return new Duration(new GbmTask.Trained(new GbmTask(CoreTasks.REGIME, GbmObjective.POISSON, 1, 0, 1), res), tr.y().length, mean / tr.y().length);
        }

        Scored score(FoldWindows w, double[] xTe) {
            Known te = known(w, w.test(), xTe);
            int m = te.y().length;
            if (m == 0) return new Scored(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double[] p = booster.result().model().predict(te.x(), m), actual = new double[m];
            double dev = 0, dev0 = 0, mae = 0, mae0 = 0;
            for (int i = 0; i < m; i++) {
                actual[i] = te.y()[i];
                dev += poissonDeviance(actual[i], p[i]);
                dev0 += poissonDeviance(actual[i], trainMean);
                mae += Math.abs(actual[i] - p[i]);
                mae0 += Math.abs(actual[i] - trainMean);
            }
            return new Scored(m, dev / m, dev0 / m, Metrics.spearman(p, actual), mae / m, mae0 / m);
        }

        static double poissonDeviance(double y, double mu) { return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu)); }

        @Override public void close() { booster.close(); }
    }

    private record Known(double[] x, float[] y) {}

    private static Known known(FoldWindows w, List<Dataset.Sample> samples, double[] x) {
        int f = WindowSummary.COLUMNS;
        int[][] durations = new int[w.symbols().size()][];
        for (int s = 0; s < durations.length; s++) durations[s] = RegimeDuration.barsToChange(w.symbols().get(s).labels(), w.symbols().get(s).runIndex());
        int[] lastRow = new int[durations.length];
        for (Dataset.Sample s : samples) lastRow[s.symbol()] = Math.max(lastRow[s.symbol()], s.row());
        // a duration counts only when its change happens inside the same part: a training window's target never reads a later part's regimes
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Dataset.Sample s = samples.get(i);
            int d = durations[s.symbol()][s.row()];
            if (d != RegimeDuration.CENSORED && s.row() + d <= lastRow[s.symbol()]) keep.add(i);
        }
        double[] xs = new double[keep.size() * f];
        float[] ys = new float[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            int i = keep.get(k);
            System.arraycopy(x, i * f, xs, k * f, f);
            ys[k] = durations[samples.get(i).symbol()][samples.get(i).row()];
        }
        return new Known(xs, ys);
    }
}

package io.tatra.baseline;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;
import io.tatra.labels.LabelSet;
import io.tatra.forecast.Contender;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;

import java.util.ArrayList;
import java.util.List;

/**
 * The classical baselines, fitted on the training windows only and evaluated on the test windows:
 * GARCH(1,1) and HAR-RV (volatility), logistic regression on the last step's normalized features (direction,
 * regime and the win label) with ridge regression for the return, a 3-state Gaussian HMM (regime), the training
 * class prior and win rate, and zero / mean return.
 */
public final class Baselines {
    /** L2 penalty of the logistic regressions (on the mean log-loss). */
    static final double LOGISTIC_L2 = 1e-3;
    /** Bars of trailing realized volatility in the HMM's observation. */
    static final int HMM_VOL_BARS = 24;

    private final List<SymbolData> symbols;
    private final int horizon;
    private final long barMillis;

    public Baselines(List<SymbolData> symbols, int horizon, long barMillis) {
        this.symbols = symbols;
        this.horizon = horizon;
        this.barMillis = barMillis;
    }

    public static Baselines of(FoldWindows d) { return new Baselines(d.symbols(), d.horizon(), d.barMillis()); }

    /**
     * Every classical baseline as a contender, in report order: GARCH(1,1), HAR-RV, logistic / ridge on the last
     * step, Gaussian HMM, class prior, zero and mean return, and the sign of the last h-bar return.
     */
    public static List<Contender> contenders() {
        return List.of(
                Contender.of("garch", "GARCH(1,1)", d -> one(d, CoreTasks.VOLATILITY, of(d).garch(d.train(), d.test()))),
                Contender.of("har_rv", "HAR-RV", d -> one(d, CoreTasks.VOLATILITY, of(d).har(d.train(), d.test()))),
                Contender.of("linear", "logistic / ridge, last step", d -> of(d).linear(d.train(), d.test(), d.normalization())),
                Contender.of("hmm", "Gaussian HMM (3 states)", d -> one(d, CoreTasks.REGIME, of(d).hmm(d.train(), d.test()))),
                Contender.of("prior", "class prior", d -> Forecasts.none(d.test().size())
                        .with(CoreTasks.DIRECTION, of(d).prior(d.train(), d.test().size(), true))
                        .with(CoreTasks.REGIME, of(d).prior(d.train(), d.test().size(), false))
                        .with(CoreTasks.WIN, of(d).winRate(d.train(), d.test().size()))),
                Contender.of("zero", "zero return", d -> one(d, CoreTasks.RETURN, new double[d.test().size()])),
                Contender.of("mean", "mean return", d -> one(d, CoreTasks.RETURN, of(d).meanReturn(d.train(), d.test().size()))),
                LastReturnSign.CONTENDER);
    }

    private static Forecasts one(FoldWindows d, io.tatra.forecast.TaskSpec t, double[] v) { return Forecasts.none(d.test().size()).with(t, v); }

    double[] meanReturn(List<Dataset.Sample> train, int n) {
        double m = 0;
        for (Dataset.Sample s : train) m += labels(s).forwardReturn()[s.row()] / train.size();
        double[] mean = new double[n];
        java.util.Arrays.fill(mean, m);
        return mean;
    }

    double[] garch(List<Dataset.Sample> train, List<Dataset.Sample> test) {
        List<double[]> seqs = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) {
            int[] range = trainRange(train, s);
            if (range == null) continue;
            double[] c = closes(s);
            double[] r = new double[range[1] - range[0]];
            for (int i = 0; i < r.length; i++) r[i] = Math.log(c[range[0] + 1 + i] / c[range[0] + i]);
            seqs.add(r);
        }
        Garch11 g = Garch11.fit(seqs);
        double[][] next = new double[symbols.size()][];
        for (int s = 0; s < symbols.size(); s++) next[s] = g.nextVariances(returns(closes(s)));
        double[] out = new double[test.size()];
        for (int i = 0; i < out.length; i++) {
            Dataset.Sample t = test.get(i);
            out[i] = Math.sqrt(g.meanVariance(next[t.symbol()][t.row()], horizon));
        }
        return out;
    }

    double[] har(List<Dataset.Sample> train, List<Dataset.Sample> test) {
        int[] w = HarRv.windows(barMillis);
        double[][] cum = new double[symbols.size()][];
        for (int s = 0; s < symbols.size(); s++) cum[s] = HarRv.cumulativeSquares(closes(s));
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Dataset.Sample s : train) {
            if (s.row() < HarRv.longest(w)) continue;
            double v = labels(s).forwardVolatility()[s.row()];
            x.add(HarRv.regressors(cum[s.symbol()], s.row(), w));
            y.add(v * v);
        }
        HarRv model = HarRv.fit(w, x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray());
        double[] out = new double[test.size()];
        for (int i = 0; i < out.length; i++) {
            Dataset.Sample t = test.get(i);
            if (t.row() < HarRv.longest(w)) throw new IllegalArgumentException("HAR-RV: test window " + t + " has fewer than " + HarRv.longest(w) + " bars of history");
            out[i] = Math.sqrt(model.forecastVariance(HarRv.regressors(cum[t.symbol()], t.row(), w)));
        }
        return out;
    }

    Forecasts linear(List<Dataset.Sample> train, List<Dataset.Sample> test, Normalization norm) {
        int d = Feature.COUNT;
        double[] xTrain = lastStep(train, norm), xTest = lastStep(test, norm);
        int[] dir = new int[train.size()], reg = new int[train.size()], win = new int[train.size()];
        double[][] rows = new double[train.size()][];
        double[] ret = new double[train.size()];
        for (int i = 0; i < train.size(); i++) {
            Dataset.Sample s = train.get(i);
            LabelSet l = labels(s);
            dir[i] = l.direction()[s.row()];
            reg[i] = l.regime()[s.row()];
            ret[i] = l.forwardReturn()[s.row()];
            win[i] = l.barrier()[s.row()] == 1 ? 1 : 0;
            rows[i] = new double[d + 1];
            rows[i][0] = 1;
            System.arraycopy(xTrain, i * d, rows[i], 1, d);
        }
        double[] pDir = SoftmaxRegression.fit(xTrain, dir, d, 3, LOGISTIC_L2, 200).predict(xTest);
        double[] pReg = SoftmaxRegression.fit(xTrain, reg, d, 3, LOGISTIC_L2, 200).predict(xTest);
        double[] pWin2 = SoftmaxRegression.fit(xTrain, win, d, 2, LOGISTIC_L2, 200).predict(xTest), pWin = new double[test.size()];
        for (int i = 0; i < pWin.length; i++) pWin[i] = pWin2[i * 2 + 1];
        double[] b = Ols.fit(rows, ret, 1e-3 * train.size());
        double[] pRet = new double[test.size()];
        for (int i = 0; i < pRet.length; i++) {
            double v = b[0];
            for (int j = 0; j < d; j++) v += b[j + 1] * xTest[i * d + j];
            pRet[i] = v;
        }
        return Forecasts.none(test.size()).with(CoreTasks.DIRECTION, pDir).with(CoreTasks.REGIME, pReg).with(CoreTasks.RETURN, pRet).with(CoreTasks.WIN, pWin);
    }

    double[] hmm(List<Dataset.Sample> train, List<Dataset.Sample> test) {
        double[][][] obs = new double[symbols.size()][][];
        for (int s = 0; s < symbols.size(); s++) obs[s] = hmmObservations(closes(s));
        double[] mean = new double[2], sd = new double[2];
        List<double[][]> seqs = new ArrayList<>();
        for (int s = 0; s < symbols.size(); s++) {
            int[] range = trainRange(train, s);
            if (range == null) continue;
            int from = Math.max(range[0], HMM_VOL_BARS);
            if (range[1] - from < 10) continue;
            seqs.add(java.util.Arrays.copyOfRange(obs[s], from, range[1] + 1));
        }
        long n = 0;
        for (double[][] q : seqs) for (double[] o : q) { for (int j = 0; j < 2; j++) { mean[j] += o[j]; sd[j] += o[j] * o[j]; } n++; }
        for (int j = 0; j < 2; j++) { mean[j] /= n; sd[j] = Math.sqrt(Math.max(sd[j] / n - mean[j] * mean[j], 1e-18)); }
        for (double[][] q : obs) for (double[] o : q) for (int j = 0; j < 2; j++) o[j] = (o[j] - mean[j]) / sd[j];
        GaussianHmm m = GaussianHmm.fit(seqs, 3, 30);
        double[][][] filtered = new double[symbols.size()][][];
        for (int s = 0; s < symbols.size(); s++) {
            double[][] o = obs[s];
            double[][] f = m.filter(java.util.Arrays.copyOfRange(o, HMM_VOL_BARS, o.length));
            filtered[s] = f;
        }
        double[][] counts = new double[3][3]; // state × regime class, Laplace-smoothed
        for (double[] row : counts) java.util.Arrays.fill(row, 1);
        for (Dataset.Sample t : train) {
            if (t.row() < HMM_VOL_BARS) continue;
            double[] p = filtered[t.symbol()][t.row() - HMM_VOL_BARS];
            int y = labels(t).regime()[t.row()];
            for (int s = 0; s < 3; s++) counts[s][y] += p[s];
        }
        for (double[] row : counts) {
            double z = row[0] + row[1] + row[2];
            for (int c = 0; c < 3; c++) row[c] /= z;
        }
        double[] out = new double[test.size() * 3];
        for (int i = 0; i < test.size(); i++) {
            Dataset.Sample t = test.get(i);
            double[] p = filtered[t.symbol()][t.row() - HMM_VOL_BARS];
            for (int s = 0; s < 3; s++) for (int c = 0; c < 3; c++) out[i * 3 + c] += p[s] * counts[s][c];
        }
        return out;
    }

    /** Per bar: the log return over the last h bars and the log RMS of the last 24 one-bar returns (NaN-free from row 24). */
    double[][] hmmObservations(double[] c) {
        double[][] o = new double[c.length][2];
        double[] cum = HarRv.cumulativeSquares(c);
        for (int t = HMM_VOL_BARS; t < c.length; t++) {
            o[t][0] = Math.log(c[t] / c[Math.max(0, t - horizon)]);
            o[t][1] = 0.5 * Math.log(Math.max((cum[t] - cum[t - HMM_VOL_BARS]) / HMM_VOL_BARS, 1e-14));
        }
        return o;
    }

    /** The training windows' share of triple-barrier wins (Laplace-smoothed), for every test window. */
    double[] winRate(List<Dataset.Sample> train, int n) {
        double wins = 1;
        for (Dataset.Sample s : train) if (labels(s).barrier()[s.row()] == 1) wins++;
        double[] out = new double[n];
        java.util.Arrays.fill(out, wins / (train.size() + 2));
        return out;
    }

    double[] prior(List<Dataset.Sample> train, int n, boolean direction) {
        double[] freq = {1, 1, 1};
        for (Dataset.Sample s : train) freq[direction ? labels(s).direction()[s.row()] : labels(s).regime()[s.row()]]++;
        double z = freq[0] + freq[1] + freq[2];
        double[] out = new double[n * 3];
        for (int i = 0; i < n; i++) for (int c = 0; c < 3; c++) out[i * 3 + c] = freq[c] / z;
        return out;
    }

    private double[] lastStep(List<Dataset.Sample> samples, Normalization norm) {
        int d = Feature.COUNT;
        float[] buf = new float[d];
        double[] out = new double[samples.size() * d];
        for (int i = 0; i < samples.size(); i++) {
            Dataset.Sample s = samples.get(i);
            norm.apply(symbols.get(s.symbol()).features(), s.row() * d, buf, 0);
            for (int j = 0; j < d; j++) out[i * d + j] = buf[j];
        }
        return out;
    }

    /** The first and last row of a symbol's training windows (their history included), or null. */
    private int[] trainRange(List<Dataset.Sample> train, int symbol) {
        int lo = Integer.MAX_VALUE, hi = -1;
        for (Dataset.Sample s : train) if (s.symbol() == symbol) { lo = Math.min(lo, s.row()); hi = Math.max(hi, s.row()); }
        return hi < 0 ? null : new int[]{Math.max(0, lo - 95), hi};
    }

    private double[] closes(int symbol) {
        var b = symbols.get(symbol).bars();
        return java.util.Arrays.copyOf(b.closeArray(), b.size());
    }

    private static double[] returns(double[] c) {
        double[] r = new double[c.length];
        for (int i = 1; i < c.length; i++) r[i] = Math.log(c[i] / c[i - 1]);
        return r;
    }

    private LabelSet labels(Dataset.Sample s) { return symbols.get(s.symbol()).labels(); }
}

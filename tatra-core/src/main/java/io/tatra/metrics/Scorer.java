package io.tatra.metrics;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;

import java.util.EnumMap;
import java.util.Map;

/**
 * Scores one contender's forecasts against the test labels: every metric of every core task it forecasts. Class
 * labels are the class positions of {@link CoreTasks} (direction down/side/up, regime bull/bear/sideways).
 */
public final class Scorer {
    /** Calibration bins for ECE. */
    public static final int ECE_BINS = 10;

    private Scorer() {}

    public static Map<Metric, Double> score(Forecasts p, Truth t) {
        check(p.size(), t);
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (p.has(CoreTasks.DIRECTION)) {
            double[] d = p.array(CoreTasks.DIRECTION);
            int[] pred = Metrics.argmax(d, 3);
            out.put(Metric.DIRECTION_LOG_LOSS, Metrics.logLoss(d, t.direction(), 3));
            out.put(Metric.DIRECTION_BALANCED_ACCURACY, Metrics.balancedAccuracy(pred, t.direction(), 3));
            out.put(Metric.DIRECTION_ECE, Metrics.ece(d, t.direction(), 3, ECE_BINS));
        }
        if (p.has(CoreTasks.VOLATILITY)) {
            double[] vol = p.array(CoreTasks.VOLATILITY);
            int n = t.size();
            double[] fv = new double[n], rv = new double[n], lp = new double[n], la = new double[n];
            for (int i = 0; i < n; i++) {
                fv[i] = vol[i] * vol[i];
                rv[i] = t.volatility()[i] * t.volatility()[i];
                lp[i] = Math.log(Math.max(vol[i], 1e-6));
                la[i] = Math.log(Math.max(t.volatility()[i], 1e-6));
            }
            out.put(Metric.VOLATILITY_QLIKE, Metrics.qlike(fv, rv));
            out.put(Metric.VOLATILITY_R2_LOG, Metrics.r2(lp, la));
            double c = Metrics.pearson(lp, la);
            out.put(Metric.VOLATILITY_MZ_R2_LOG, Double.isNaN(c) ? 0 : c * c);
        }
        if (p.has(CoreTasks.REGIME)) {
            double[] reg = p.array(CoreTasks.REGIME);
            int[] pred = Metrics.argmax(reg, 3);
            out.put(Metric.REGIME_MACRO_F1, Metrics.macroF1(pred, t.regime(), 3));
            out.put(Metric.REGIME_LOG_LOSS, Metrics.logLoss(reg, t.regime(), 3));
            if (t.trueRegime() != null) {
                out.put(Metric.REGIME_MACRO_F1_TRUE, Metrics.macroF1(pred, t.trueRegime(), 3));
                out.put(Metric.REGIME_BALANCED_ACCURACY_TRUE, Metrics.balancedAccuracy(pred, t.trueRegime(), 3));
            }
        }
        if (p.has(CoreTasks.RETURN)) {
            double[] ret = p.array(CoreTasks.RETURN);
            out.put(Metric.RETURN_IC, Metrics.pearson(ret, t.ret()));
            out.put(Metric.RETURN_RANK_IC, Metrics.spearman(ret, t.ret()));
            out.put(Metric.RETURN_HIT_RATE, Metrics.hitRate(ret, t.ret()));
            out.put(Metric.RETURN_HUBER, Metrics.huber(ret, t.ret(), t.returnScale()));
        }
        if (p.has(CoreTasks.WIN)) {
            double[] w = p.array(CoreTasks.WIN);
            int n = t.size();
            double ll = 0, brier = 0;
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                pos[i] = t.win()[i] == 1;
                ll -= Math.log(Math.max(Metrics.EPS, pos[i] ? w[i] : 1 - w[i]));
                brier += (w[i] - t.win()[i]) * (w[i] - t.win()[i]);
            }
            out.put(Metric.WIN_LOG_LOSS, ll / n);
            out.put(Metric.WIN_BRIER, brier / n);
            out.put(Metric.WIN_AUC, Metrics.auc(w, pos));
        }
        return out;
    }

    private static void check(int n, Truth t) {
        if (n != t.size()) throw new IllegalArgumentException(n + " forecasts for " + t.size() + " test windows");
    }
}

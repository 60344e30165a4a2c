package io.tatra.metrics;

import java.util.EnumMap;
import java.util.Map;

/** Scores one model's predictions against the test labels: every metric of every task it forecasts. */
public final class Scorer {
    /** Calibration bins for ECE. */
    public static final int ECE_BINS = 10;

    private Scorer() {}

    public static Map<Metric, Double> score(Predictions p, Truth t) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (p.direction() != null) {
            check(p.direction().length / 3, t);
            int[] pred = Metrics.argmax(p.direction(), 3);
            out.put(Metric.DIRECTION_LOG_LOSS, Metrics.logLoss(p.direction(), t.direction(), 3));
            out.put(Metric.DIRECTION_BALANCED_ACCURACY, Metrics.balancedAccuracy(pred, t.direction(), 3));
            out.put(Metric.DIRECTION_ECE, Metrics.ece(p.direction(), t.direction(), 3, ECE_BINS));
        }
        if (p.volatility() != null) {
            check(p.volatility().length, t);
            int n = t.size();
            double[] fv = new double[n], rv = new double[n], lp = new double[n], la = new double[n];
            for (int i = 0; i < n; i++) {
                fv[i] = p.volatility()[i] * p.volatility()[i];
                rv[i] = t.volatility()[i] * t.volatility()[i];
                lp[i] = Math.log(Math.max(p.volatility()[i], 1e-6));
                la[i] = Math.log(Math.max(t.volatility()[i], 1e-6));
            }
            out.put(Metric.VOLATILITY_QLIKE, Metrics.qlike(fv, rv));
            out.put(Metric.VOLATILITY_R2_LOG, Metrics.r2(lp, la));
            double c = Metrics.pearson(lp, la);
            out.put(Metric.VOLATILITY_MZ_R2_LOG, Double.isNaN(c) ? 0 : c * c);
        }
        if (p.regime() != null) {
            check(p.regime().length / 3, t);
            int[] pred = Metrics.argmax(p.regime(), 3);
            out.put(Metric.REGIME_MACRO_F1, Metrics.macroF1(pred, t.regime(), 3));
            out.put(Metric.REGIME_LOG_LOSS, Metrics.logLoss(p.regime(), t.regime(), 3));
            if (t.trueRegime() != null) {
                out.put(Metric.REGIME_MACRO_F1_TRUE, Metrics.macroF1(pred, t.trueRegime(), 3));
                out.put(Metric.REGIME_BALANCED_ACCURACY_TRUE, Metrics.balancedAccuracy(pred, t.trueRegime(), 3));
            }
        }
        if (p.ret() != null) {
            check(p.ret().length, t);
            out.put(Metric.RETURN_IC, Metrics.pearson(p.ret(), t.ret()));
            out.put(Metric.RETURN_RANK_IC, Metrics.spearman(p.ret(), t.ret()));
            out.put(Metric.RETURN_HIT_RATE, Metrics.hitRate(p.ret(), t.ret()));
            out.put(Metric.RETURN_HUBER, Metrics.huber(p.ret(), t.ret(), t.returnScale()));
        }
        return out;
    }

    private static void check(int n, Truth t) {
        if (n != t.size()) throw new IllegalArgumentException(n + " predictions for " + t.size() + " test windows");
    }
}

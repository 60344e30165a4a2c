package io.tatra.metrics;

/**
 * One model's forecasts for the same test windows, in label units; a model that does not forecast a task
 * leaves it null.
 *
 * @param direction  {@code [n × 3]} probabilities of down / sideways / up
 * @param volatility forecast realized volatility (RMS of the next h one-bar log returns)
 * @param regime     {@code [n × 3]} probabilities of bull / bear / sideways
 * @param ret        forecast log return over the next h bars
 */
public record Predictions(double[] direction, double[] volatility, double[] regime, double[] ret) {
    public Predictions {
        int n = -1;
        for (double[] a : new double[][]{direction == null ? null : third(direction), volatility, regime == null ? null : third(regime), ret}) {
            if (a == null) continue;
            if (n >= 0 && a.length != n) throw new IllegalArgumentException("predictions of different lengths: " + n + " vs " + a.length);
            n = a.length;
        }
    }

    public static Predictions none() { return new Predictions(null, null, null, null); }

    public Predictions withDirection(double[] p) { return new Predictions(p, volatility, regime, ret); }

    public Predictions withVolatility(double[] v) { return new Predictions(direction, v, regime, ret); }

    public Predictions withRegime(double[] p) { return new Predictions(direction, volatility, p, ret); }

    public Predictions withReturn(double[] r) { return new Predictions(direction, volatility, regime, r); }

    /** Takes every task this one forecasts from {@code other} (used to assemble four specialists into one set). */
    public Predictions merge(Predictions other) {
        return new Predictions(other.direction != null ? other.direction : direction, other.volatility != null ? other.volatility : volatility,
                other.regime != null ? other.regime : regime, other.ret != null ? other.ret : ret);
    }

    public boolean complete() { return direction != null && volatility != null && regime != null && ret != null; }

    private static double[] third(double[] probs) {
        if (probs.length % 3 != 0) throw new IllegalArgumentException("class probabilities must be n × 3, got " + probs.length + " values");
        return new double[probs.length / 3];
    }
}

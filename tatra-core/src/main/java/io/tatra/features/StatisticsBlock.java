package io.tatra.features;

import io.tatra.features.indicators.DoubleRing;
import io.tatra.features.indicators.RollingCorrelation;
import io.tatra.features.indicators.RollingSum;

import static io.tatra.features.Feature.*;

/** Volatility ratio, skewness, kurtosis, lag-1 autocorrelation, efficiency ratio, trend t-stat, return z. Runs after {@link VolatilityBlock}. */
final class StatisticsBlock implements FeatureBlock {
    static final int TREND = 32;
    private static final double SXX = TREND * ((double) TREND * TREND - 1) / 12;

    private final RollingSum s1 = new RollingSum(64), s2 = new RollingSum(64), s3 = new RollingSum(64), s4 = new RollingSum(64);
    private final RollingCorrelation autocorr = new RollingCorrelation(64);
    private final RollingSum absRet = new RollingSum(32);
    private double prevRet = Double.NaN, autocorrValue = Double.NaN;

    @Override
    public void step(StepInput in, double[] out) {
        double vol64 = out[VOL_CC_64.ordinal()];
        out[VOL_RATIO_20_64.ordinal()] = vol64 > 0 ? out[VOL_CC_20.ordinal()] / vol64 : Double.NaN;
        out[RETURN_Z.ordinal()] = vol64 > 0 ? in.ret / vol64 : Double.NaN;
        double r = in.ret;
        if (!Double.isNaN(r)) {
            double r2 = r * r;
            s1.push(r); s2.push(r2); s3.push(r2 * r); s4.push(r2 * r2);
            absRet.push(Math.abs(r));
            if (!Double.isNaN(prevRet)) autocorrValue = autocorr.update(prevRet, r);
        }
        prevRet = r;
        int n = s1.count();
        double mu = s1.sum() / n, e2 = s2.sum() / n, e3 = s3.sum() / n, e4 = s4.sum() / n;
        double m2 = e2 - mu * mu;
        double m3 = e3 - 3 * mu * e2 + 2 * mu * mu * mu;
        double m4 = e4 - 4 * mu * e3 + 6 * mu * mu * e2 - 3 * mu * mu * mu * mu;
        boolean spread = m2 > 1e-12 * e2;
        out[RETURN_SKEW_64.ordinal()] = spread ? m3 / (m2 * Math.sqrt(m2)) : Double.NaN;
        out[RETURN_KURTOSIS_64.ordinal()] = spread ? m4 / (m2 * m2) - 3 : Double.NaN;
        out[AUTOCORR_1_64.ordinal()] = autocorrValue;
        double path = absRet.sum();
        out[EFFICIENCY_32.ordinal()] = path > 0 ? Math.min(1, Math.abs(in.lnClose - in.lnCloseBack(32)) / path) : Double.NaN;
        out[TREND_TSTAT_32.ordinal()] = trendTStat(in);
    }

    private double trendTStat(StepInput in) {
        DoubleRing ring = in.lnCloses;
        int n = ring.size();
        if (n < TREND) return Double.NaN;
        double[] v = ring.raw();
        int cap = ring.capacity(), oldest = ring.newestSlot() - (TREND - 1);
        if (oldest < 0) oldest += cap;
        double mean = 0;
        for (int k = 0, j = oldest; k < TREND; k++, j = j + 1 == cap ? 0 : j + 1) mean += v[j];
        mean /= TREND;
        double sxy = 0, syy = 0, xMean = (TREND - 1) / 2.0;
        for (int k = 0, j = oldest; k < TREND; k++, j = j + 1 == cap ? 0 : j + 1) {
            double y = v[j] - mean;
            double x = k - xMean;
            sxy += x * y;
            syy += y * y;
        }
        double slope = sxy / SXX;
        double ssr = syy - slope * sxy;
        if (!(ssr > 1e-14 * syy)) return Double.NaN;
        return slope / Math.sqrt(ssr / (TREND - 2) / SXX);
    }
}

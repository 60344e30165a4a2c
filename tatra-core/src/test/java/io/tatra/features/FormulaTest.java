package io.tatra.features;

import io.tatra.market.BarSeries;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static java.lang.Math.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The features ta4j does not have, recomputed here the slow, obvious way (a fresh pass over each window,
 * two-pass variances) and compared with the engine's O(1) rolling versions at many bars.
 */
class FormulaTest {
    private static final int N = 1500;
    private final BarSeries s = Fixtures.series(N, 17);
    private final FeatureMatrix m = new FeatureEngine().compute(s);
    private final double[] o = s.openArray(), h = s.highArray(), l = s.lowArray(), c = s.closeArray(), v = s.volumeArray();

    private double r(int i) { return StrictMath.log(c[i] / c[i - 1]); }

    private static double mean(double[] x) { double t = 0; for (double d : x) t += d; return t / x.length; }

    private static double sampleVar(double[] x) {
        double mu = mean(x), t = 0;
        for (double d : x) t += (d - mu) * (d - mu);
        return t / (x.length - 1);
    }

    private static double corr(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / sqrt(sxx * syy);
    }

    private double[] window(int end, int n, java.util.function.IntToDoubleFunction f) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) w[k] = f.applyAsDouble(end - n + 1 + k);
        return w;
    }

    private void check(Feature f, int i, double expected) {
        double actual = m.get(i, f);
        double tol = 1e-9 * max(1e-6, abs(expected)) + 1e-12;
        assertTrue(abs(expected - actual) <= tol, f.id() + " at bar " + i + ": expected " + expected + ", engine " + actual);
    }

    @Test
    void everyNonTa4jFeatureMatchesASlowReference() {
        int checked = 0;
        for (int i = Feature.maxWarmup(); i < N; i += 7) {
            final int t = i;
            for (int lag : new int[]{1, 2, 4, 8, 16, 32, 64})
                check(Feature.valueOf("RET_" + lag), i, StrictMath.log(c[i] / c[i - lag]));
            for (int n : new int[]{20, 64}) {
                double[] rets = window(i, n, this::r);
                double[] u2 = window(i, n, k -> pow(log(h[k] / l[k]), 2));
                double[] gk = window(i, n, k -> 0.5 * pow(log(h[k] / l[k]), 2) - (2 * log(2) - 1) * pow(log(c[k] / o[k]), 2));
                double[] rs = window(i, n, k -> log(h[k] / c[k]) * log(h[k] / o[k]) + log(l[k] / c[k]) * log(l[k] / o[k]));
                double[] ov = window(i, n, k -> log(o[k] / c[k - 1]));
                double[] cv = window(i, n, k -> log(c[k] / o[k]));
                double kk = 0.34 / (1.34 + (n + 1.0) / (n - 1.0));
                check(Feature.valueOf("VOL_CC_" + n), i, sqrt(sampleVar(rets)));
                check(Feature.valueOf("VOL_PARKINSON_" + n), i, sqrt(mean(u2) / (4 * log(2))));
                check(Feature.valueOf("VOL_GARMAN_KLASS_" + n), i, sqrt(max(0, mean(gk))));
                check(Feature.valueOf("VOL_ROGERS_SATCHELL_" + n), i, sqrt(mean(rs)));
                check(Feature.valueOf("VOL_YANG_ZHANG_" + n), i, sqrt(sampleVar(ov) + kk * sampleVar(cv) + (1 - kk) * mean(rs)));
            }
            check(Feature.ROC_10, i, c[i] / c[i - 10] - 1);
            double[] lv20 = window(i, 20, k -> log1p(v[k])), lv96 = window(i, 96, k -> log1p(v[k]));
            check(Feature.VOLUME_Z_20, i, (log1p(v[i]) - mean(lv20)) / sqrt(sampleVar(lv20)));
            check(Feature.VOLUME_Z_96, i, (log1p(v[i]) - mean(lv96)) / sqrt(sampleVar(lv96)));
            check(Feature.VOLUME_RATIO_20, i, v[i] / mean(window(i, 20, k -> v[k])));
            check(Feature.VOLUME_RATIO_96, i, v[i] / mean(window(i, 96, k -> v[k])));
            double[] r24 = window(i, 24, this::r), lv24 = window(i, 24, k -> log1p(v[k]));
            check(Feature.VOLUME_RETURN_CORR_24, i, corr(r24, lv24));
            check(Feature.VOLUME_ABSRETURN_CORR_24, i, corr(window(i, 24, k -> abs(r(k))), lv24));
            check(Feature.SIGNED_VOLUME_24, i, mean(window(i, 24, k -> signum(r(k)) * v[k])) / mean(window(i, 24, k -> v[k])));
            double range = h[i] - l[i];
            check(Feature.BODY_RATIO, i, (c[i] - o[i]) / range);
            check(Feature.UPPER_WICK_RATIO, i, (h[i] - max(o[i], c[i])) / range);
            check(Feature.LOWER_WICK_RATIO, i, (min(o[i], c[i]) - l[i]) / range);
            check(Feature.RANGE_LOG, i, log(h[i] / l[i]));
            check(Feature.GAP_LOG, i, log(o[i] / c[i - 1]));
            var when = Instant.ofEpochMilli(s.openTimeMillis(i)).atZone(ZoneOffset.UTC);
            check(Feature.HOUR_SIN, i, sin(2 * PI * when.getHour() / 24));
            check(Feature.DOW_COS, i, cos(2 * PI * (when.getDayOfWeek().getValue() - 1) / 7));
            double hh = Double.NEGATIVE_INFINITY, ll = Double.POSITIVE_INFINITY;
            for (int k = i - 63; k <= i; k++) { hh = max(hh, h[k]); ll = min(ll, l[k]); }
            check(Feature.HIGH_DIST_64, i, log(c[i] / hh));
            check(Feature.LOW_DIST_64, i, log(c[i] / ll));
            check(Feature.POC_DIST_96, i, log(c[i] / slowPoc(i)));
            double[] r64 = window(i, 64, this::r);
            double mu = mean(r64), m2 = 0, m3 = 0, m4 = 0;
            for (double x : r64) { m2 += pow(x - mu, 2) / 64; m3 += pow(x - mu, 3) / 64; m4 += pow(x - mu, 4) / 64; }
            assertEquals(m3 / pow(m2, 1.5), m.get(i, Feature.RETURN_SKEW_64), 1e-6 * max(1, abs(m3 / pow(m2, 1.5))), "skew at " + i);
            assertEquals(m4 / (m2 * m2) - 3, m.get(i, Feature.RETURN_KURTOSIS_64), 1e-6 * max(1, m4 / (m2 * m2)), "kurtosis at " + i);
            check(Feature.AUTOCORR_1_64, i, corr(window(i - 1, 64, this::r), r64));
            double path = 0;
            for (int k = i - 31; k <= i; k++) path += abs(r(k));
            check(Feature.EFFICIENCY_32, i, abs(log(c[i] / c[i - 32])) / path);
            check(Feature.TREND_TSTAT_32, i, slowTrendT(i));
            check(Feature.VOL_RATIO_20_64, i, m.get(i, Feature.VOL_CC_20) / m.get(i, Feature.VOL_CC_64));
            check(Feature.RETURN_Z, i, r(i) / m.get(i, Feature.VOL_CC_64));
            assertTrue(Double.isNaN(m.get(t, Feature.FUNDING_RATE)) && m.get(t, Feature.FUNDING_MASK) == 0, "no funding data: NaN with mask 0");
            assertTrue(Double.isNaN(m.get(t, Feature.BOOK_IMBALANCE_20)) && m.get(t, Feature.BOOK_MASK) == 0, "no book: NaN with mask 0");
            checked++;
        }
        assertTrue(checked > 150);
    }

    private double slowPoc(int i) {
        double hh = Double.NEGATIVE_INFINITY, ll = Double.POSITIVE_INFINITY;
        for (int k = i - 95; k <= i; k++) { hh = max(hh, h[k]); ll = min(ll, l[k]); }
        double[] bins = new double[24];
        double w = (hh - ll) / 24;
        for (int k = i - 95; k <= i; k++) {
            int b = (int) (((h[k] + l[k] + c[k]) / 3 - ll) / w);
            bins[min(23, max(0, b))] += v[k];
        }
        int best = 0;
        for (int b = 1; b < 24; b++) if (bins[b] > bins[best]) best = b;
        return ll + (best + 0.5) * w;
    }

    private double slowTrendT(int i) {
        int n = 32;
        double[] x = new double[n], y = new double[n];
        for (int k = 0; k < n; k++) { x[k] = k; y[k] = log(c[i - n + 1 + k]); }
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0;
        for (int k = 0; k < n; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); }
        double b = sxy / sxx, a = my - b * mx, ssr = 0;
        for (int k = 0; k < n; k++) ssr += pow(y[k] - a - b * x[k], 2);
        return b / sqrt(ssr / (n - 2) / sxx);
    }

    @Test
    void fundingAndOpenInterestAreJoinedAsOfTheClose() {
        var market = Fixtures.market(300, 8);
        MarketFrame frame = Fixtures.frame(market);
        FeatureMatrix fm = new FeatureEngine().compute(frame);
        long step = frame.bars().interval().millis();
        int known = 0;
        for (int i = 30; i < 300; i++) {
            long close = frame.bars().openTimeMillis(i) + step;
            var latest = frame.funding().stream().filter(f -> f.time().toEpochMilli() <= close).reduce((a, b) -> b).orElseThrow();
            assertEquals(latest.rate() * 1e4, fm.get(i, Feature.FUNDING_RATE), 1e-12, "funding at " + i);
            assertEquals(1, fm.get(i, Feature.FUNDING_MASK));
            var oiNow = frame.openInterest().stream().filter(x -> x.time().toEpochMilli() <= close).reduce((a, b) -> b).orElseThrow();
            var oiPrev = frame.openInterest().stream().filter(x -> x.time().toEpochMilli() <= close - step).reduce((a, b) -> b).orElseThrow();
            assertEquals(log(oiNow.value() / oiPrev.value()), fm.get(i, Feature.OI_CHANGE_1), 1e-12, "oi change at " + i);
            known++;
        }
        assertTrue(known > 200);
        // Funding older than the max age is missing, not stale-but-used.
        FeatureMatrix strict = new FeatureEngine(new FeatureConfig(java.time.Duration.ofHours(1), java.time.Duration.ofHours(24), java.time.Duration.ofMinutes(5))).compute(frame);
        long masked = java.util.stream.IntStream.range(30, 300).filter(i -> strict.get(i, Feature.FUNDING_MASK) == 0).count();
        assertTrue(masked > 150, "with a 1 h max age most hourly bars have no fresh funding; masked " + masked);
    }

    @Test
    void degenerateBarsGiveDocumentedValuesNotGarbage() {
        // A flat market: zero range, constant volume. Ratios with a zero denominator are NaN or 0 as documented.
        BarSeries.Builder b = BarSeries.builder(s.symbol(), s.interval());
        for (int i = 0; i < 300; i++) b.add(s.openTimeMillis(i), 100, 100, 100, 100, 5);
        FeatureMatrix f = new FeatureEngine().compute(b.build());
        int i = 299;
        assertEquals(0, f.get(i, Feature.BODY_RATIO));
        assertEquals(0, f.get(i, Feature.VOL_CC_64));
        assertTrue(Double.isNaN(f.get(i, Feature.STOCH_K_14)), "zero range: %K undefined");
        assertTrue(Double.isNaN(f.get(i, Feature.VOLUME_Z_20)), "constant volume: z undefined");
        assertTrue(Double.isNaN(f.get(i, Feature.RETURN_Z)), "zero volatility: return z undefined");
        assertEquals(0, f.get(i, Feature.POC_DIST_96));
        assertEquals(1, f.get(i, Feature.VOLUME_RATIO_20));
    }
}

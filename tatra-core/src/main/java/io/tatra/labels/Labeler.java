package io.tatra.labels;

import io.tatra.market.BarSeries;
import io.tatra.market.Regime;

import java.util.Arrays;
import java.util.List;

/**
 * Computes every task's label from the bars after t (and σ from the bars up to t).
 *
 * <ul>
 *   <li><b>Direction</b>: z = ln(C_{t+h}/C_t) / (σ√h); UP if z &gt; k, DOWN if z &lt; −k, else SIDEWAYS.
 *       σ is the sample std of the 1-bar log returns over the {@code volLookback} bars ending at t, so the
 *       threshold follows calm and wild periods and the classes stay balanced.</li>
 *   <li><b>Forward return</b>: ln(C_{t+h}/C_t). <b>Forward volatility</b>: sqrt(mean of r² over t+1..t+h).</li>
 *   <li><b>Regime</b> by trend scanning (López de Prado): for every span L in [min, max], the OLS fit of
 *       ln C over bars t..t+L gives a slope t-value; the span with the largest |t| is kept; BULL if t &gt; τ,
 *       BEAR if t &lt; −τ, else SIDEWAYS. Price paths are autocorrelated, so t-values of a driftless random walk
 *       are large (the 1/3 quantile of max |t| over spans 24..96 is about 10.9); τ = 11 leaves about a third of such a walk sideways (see LabelerTest).</li>
 *   <li><b>Triple barrier</b>: entry at C_t, take profit at C_t·e^{+a σ√h}, stop loss at C_t·e^{−b σ√h},
 *       checked on each later bar's high and low up to h bars; when one bar touches both, the stop loss is
 *       assumed (the worse case, as the backtester does).</li>
 * </ul>
 */
public final class Labeler {
    private Labeler() {}

    public static LabelSet compute(BarSeries s, LabelConfig cfg) { return compute(s, cfg, null); }

    /** @param trueRegimes the generator's regime per bar (same length as the series), or null for real data */
    public static LabelSet compute(BarSeries s, LabelConfig cfg, List<Regime> trueRegimes) {
        int n = s.size(), h = cfg.horizon();
        if (trueRegimes != null && trueRegimes.size() != n)
            throw new IllegalArgumentException("true regimes: " + trueRegimes.size() + " values for " + n + " bars");
        long[] t = s.openTimeArray();
        long step = s.interval().millis();
        double[] hi = s.highArray(), lo = s.lowArray(), c = s.closeArray();
        double[] lnC = new double[n];
        for (int i = 0; i < n; i++) lnC[i] = StrictMath.log(c[i]);

        boolean[] valid = new boolean[n];
        byte[] dir = new byte[n], regime = new byte[n], truth = new byte[n], barrier = new byte[n];
        short[] barrierBars = new short[n], span = new short[n];
        double[] fwdRet = nan(n), fwdVol = nan(n), trendT = nan(n), sigma = nan(n);
        Arrays.fill(truth, (byte) -1);
        Arrays.fill(dir, (byte) -1);
        Arrays.fill(regime, (byte) -1);

        int look = cfg.lookahead(), lb = cfg.volLookback();
        for (int i = 0; i < n; i++) {
            if (trueRegimes != null) truth[i] = (byte) trueRegimes.get(i).ordinal();
            if (i < lb || i + look >= n) continue;
            if (t[i] - t[i - lb] != lb * step || t[i + look] - t[i] != look * step) continue; // a gap
            double sum = 0, sq = 0;
            for (int k = i - lb + 1; k <= i; k++) {
                double r = lnC[k] - lnC[k - 1];
                sum += r;
                sq += r * r;
            }
            double var = (sq - sum * sum / lb) / (lb - 1);
            if (!(var > 0)) continue;
            double sd = Math.sqrt(var), scale = sd * Math.sqrt(h);
            sigma[i] = sd;
            double ret = lnC[i + h] - lnC[i];
            fwdRet[i] = ret;
            double z = ret / scale;
            dir[i] = (byte) (z > cfg.directionThreshold() ? Direction.UP.ordinal()
                    : z < -cfg.directionThreshold() ? Direction.DOWN.ordinal() : Direction.SIDEWAYS.ordinal());
            double ss = 0;
            for (int k = i + 1; k <= i + h; k++) ss += (lnC[k] - lnC[k - 1]) * (lnC[k] - lnC[k - 1]);
            fwdVol[i] = Math.sqrt(ss / h);

            double tp = lnC[i] + cfg.takeProfit() * scale, sl = lnC[i] - cfg.stopLoss() * scale;
            barrier[i] = 0;
            barrierBars[i] = (short) h;
            for (int k = i + 1; k <= i + h; k++) {
                boolean stop = StrictMath.log(lo[k]) <= sl, take = StrictMath.log(hi[k]) >= tp;
                if (stop || take) {
                    barrier[i] = (byte) (stop ? -1 : 1);
                    barrierBars[i] = (short) (k - i);
                    break;
                }
            }
            trendScan(lnC, i, cfg, trendT, span);
            double tv = trendT[i];
            regime[i] = (byte) (tv > cfg.trendThreshold() ? Regime.BULL.ordinal()
                    : tv < -cfg.trendThreshold() ? Regime.BEAR.ordinal() : Regime.SIDEWAYS.ordinal());
            valid[i] = true;
        }
        return new LabelSet(s.symbol(), cfg, t.clone(), valid, dir, fwdRet, fwdVol, regime, truth, barrier, barrierBars, trendT, span, sigma);
    }

    /** Grows the forward window one bar at a time, keeping centred sums, and records the span with the largest |t|. */
    private static void trendScan(double[] lnC, int i, LabelConfig cfg, double[] outT, short[] outSpan) {
        double base = lnC[i], sy = 0, sxy = 0, syy = 0, best = 0;
        int bestSpan = cfg.trendMinSpan();
        for (int L = 1; L <= cfg.trendMaxSpan(); L++) {
            // points x = 0..L (L+1 of them), y relative to the entry price for accuracy
            for (int x = (L == 1 ? 0 : L); x <= L; x++) {
                double y = lnC[i + x] - base;
                sy += y;
                sxy += x * y;
                syy += y * y;
            }
            if (L < cfg.trendMinSpan()) continue;
            double m = L + 1, mx = L / 2.0, sxx = m * (m * m - 1) / 12;
            double cxy = sxy - mx * sy, cyy = syy - sy * sy / m;
            double slope = cxy / sxx, ssr = cyy - slope * cxy;
            double tv = ssr > 1e-14 * cyy && ssr > 0 ? slope / Math.sqrt(ssr / (m - 2) / sxx) : 0;
            if (Math.abs(tv) > Math.abs(best)) {
                best = tv;
                bestSpan = L;
            }
        }
        outT[i] = best;
        outSpan[i] = (short) bestSpan;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}

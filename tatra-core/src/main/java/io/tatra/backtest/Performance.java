package io.tatra.backtest;

import io.tatra.trading.Trade;
import io.tatra.metrics.Normal;
import java.util.List;

/**
 * Performance of an equity curve and its trades. Ratios are annualized with {@code periodsPerYear} (8,760 for
 * hourly bars); Sharpe and Sortino use per-bar simple returns with a zero risk-free rate.
 *
 * @param maxDrawdown         largest peak-to-trough fall, as a positive fraction
 * @param maxDrawdownBars     longest stretch below a previous peak, in bars
 * @param exposure            mean gross exposure as a multiple of equity
 * @param turnover            traded notional over mean equity, annualized
 * @param deflatedSharpe      probability that the true Sharpe exceeds what the best of {@code trials} unskilled
 *                            variants would show (Bailey & López de Prado 2014); with one trial, the probabilistic Sharpe ratio against 0
 */
public record Performance(double totalReturn, double annualReturn, double annualVolatility, double sharpe, double sortino, double calmar,
                          double maxDrawdown, int maxDrawdownBars, int trades, double winRate, double profitFactor, double averageWin,
                          double averageLoss, double exposure, double turnover, double feesPaid, double fundingPaid, double deflatedSharpe,
                          int trials, long bars) {

    /** @param trialSharpes per-bar Sharpe ratios of every variant tried so far (the trial log), this one included; may be empty */
    public static Performance of(BacktestResult r, double periodsPerYear, List<Double> trialSharpes) {
        double[] eq = withStart(r.capital(), r.equity());
        double[] ret = returns(eq);
        int n = ret.length;
        double mean = mean(ret), sd = sd(ret, mean), down = downside(ret);
        double total = eq[eq.length - 1] / eq[0] - 1, years = n / periodsPerYear;
        double annual = years > 0 && eq[eq.length - 1] > 0 ? Math.pow(1 + total, 1 / years) - 1 : Double.NaN;
        double sharpe = sd > 0 ? mean / sd * Math.sqrt(periodsPerYear) : Double.NaN;
        double sortino = down > 0 ? mean / down * Math.sqrt(periodsPerYear) : Double.NaN;
        double peak = eq[0], mdd = 0;
        int under = 0, longest = 0;
        for (double v : eq) {
            if (v >= peak) { peak = v; under = 0; } else { under++; longest = Math.max(longest, under); }
            mdd = Math.max(mdd, 1 - v / peak);
        }
        int wins = 0;
        double grossWin = 0, grossLoss = 0;
        for (Trade t : r.trades()) {
            if (t.pnl() > 0) { wins++; grossWin += t.pnl(); } else grossLoss -= t.pnl();
        }
        int losses = r.trades().size() - wins;
        double meanEquity = mean(eq);
        int trials = Math.max(1, trialSharpes.size());
        double perBarSharpe = sd > 0 ? mean / sd : Double.NaN;
        return new Performance(total, annual, sd * Math.sqrt(periodsPerYear), sharpe, sortino, mdd > 0 ? annual / mdd : Double.NaN, mdd, longest,
                r.trades().size(), r.trades().isEmpty() ? Double.NaN : (double) wins / r.trades().size(),
                grossLoss > 0 ? grossWin / grossLoss : Double.NaN, wins > 0 ? grossWin / wins : Double.NaN, losses > 0 ? -grossLoss / losses : Double.NaN,
                mean(r.exposure()), years > 0 ? r.turnover() / meanEquity / years : Double.NaN, r.feesPaid(), r.fundingPaid(),
                deflatedSharpe(perBarSharpe, ret, trialSharpes), trials, n);
    }

    /**
     * The deflated Sharpe ratio of a per-bar Sharpe {@code sr} over returns {@code ret}:
     * {@code Φ((sr − sr₀)·√(T−1) / √(1 − γ₃·sr + (γ₄ − 1)/4·sr²))} with {@code sr₀} the expected maximum Sharpe of N
     * unskilled trials, {@code √V·((1−γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))}, V the variance of the trials' Sharpes.
     */
    static double deflatedSharpe(double sr, double[] ret, List<Double> trialSharpes) {
        int t = ret.length;
        if (!Double.isFinite(sr) || t < 3) return Double.NaN;
        double m = mean(ret), s = sd(ret, m), skew = 0, kurt = 0;
        for (double x : ret) {
            double z = (x - m) / s;
            skew += z * z * z / t;
            kurt += z * z * z * z / t;
        }
        double sr0 = 0;
        int n = trialSharpes.size();
        if (n > 1) {
            double tm = trialSharpes.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), v = 0;
            for (double x : trialSharpes) v += (x - tm) * (x - tm) / (n - 1);
            double g = 0.5772156649015329;
            sr0 = Math.sqrt(v) * ((1 - g) * Normal.quantile(1 - 1.0 / n) + g * Normal.quantile(1 - 1 / (n * Math.E)));
        }
        double denom = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
        return denom > 0 ? Normal.cdf((sr - sr0) * Math.sqrt(t - 1) / Math.sqrt(denom)) : Double.NaN;
    }

    /** Per-bar Sharpe (not annualized) of a curve: the value a trial log keeps. */
    public static double perBarSharpe(BacktestResult r) {
        double[] ret = returns(withStart(r.capital(), r.equity()));
        double m = mean(ret), s = sd(ret, m);
        return s > 0 ? m / s : Double.NaN;
    }

    /** Buy-and-hold equity of an equal-weight basket of closes, rebalanced never, from {@code capital}. */
    public static double[] buyAndHold(double capital, List<double[]> closes) {
        int n = closes.get(0).length;
        double[] out = new double[n];
        for (double[] c : closes) {
            if (c.length != n) throw new IllegalArgumentException("buy-and-hold needs aligned closes of equal length");
            for (int i = 0; i < n; i++) out[i] += capital / closes.size() * c[i] / c[0];
        }
        return out;
    }

    private static double[] withStart(double capital, double[] equity) {
        double[] eq = new double[equity.length + 1];
        eq[0] = capital;
        System.arraycopy(equity, 0, eq, 1, equity.length);
        return eq;
    }

    static double[] returns(double[] eq) {
        double[] r = new double[eq.length - 1];
        for (int i = 1; i < eq.length; i++) r[i - 1] = eq[i] / eq[i - 1] - 1;
        return r;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static double sd(double[] v, double m) {
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return v.length < 2 ? Double.NaN : Math.sqrt(s / (v.length - 1));
    }

    /** Downside deviation: root mean square of the negative returns over all returns. */
    private static double downside(double[] v) {
        double s = 0;
        for (double x : v) if (x < 0) s += x * x;
        return v.length == 0 ? Double.NaN : Math.sqrt(s / v.length);
    }
}

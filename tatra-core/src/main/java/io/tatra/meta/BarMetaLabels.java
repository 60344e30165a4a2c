package io.tatra.meta;

import io.tatra.market.BarSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta-label examples straight from bars, so the win probability can be trained before any journal exists (López de
 * Prado's meta-labelling with the triple-barrier label). A <b>primary rule</b> picks the side: time-series momentum,
 * the sign of {@code ln(C_t / C_{t−m})}, sampled every {@code every} bars (on bar times that are multiples of it, so
 * symbols line up). Each event becomes a trade:
 * <ul>
 *   <li>decided at the close of bar t, entered at the <b>next open</b> O_{t+1} (the backtester's fill), never at the
 *       close the rule saw;</li>
 *   <li>σ is the sample std of the 1-bar log returns over the {@code volLookback} bars ending at t (the label
 *       catalogue's σ); the barriers are at ±{@code takeProfit}·σ√h and −{@code stopLoss}·σ√h from the entry, in the
 *       trade's direction, checked on each bar's high and low from the entry bar t+1 up to bar t+h; when one bar
 *       touches both, the stop is assumed (the worse case, as the backtester does); a bar that opens beyond a barrier
 *       exits at its open; otherwise the trade closes at C_{t+h} (the vertical barrier);</li>
 *   <li>closed time = the close of the bar where it exited (the label is known only then: the split purges on it);</li>
 *   <li>gross return = side·ln(exit / entry); net = gross − 2·costPerSide (taker fee and slippage, both legs; funding
 *       is not charged here — about 3 bps a day at the usual 0.01 % per 8 h);</li>
 *   <li>the main label ({@link MetaExample#win30m()}'s slot) is the net win: the trade ends in profit after costs;
 *       the early label ({@link MetaExample#win5m()}'s slot) is "in profit before costs at the entry bar's close" — the
 *       bar interval's equivalent of the journals' win_5m.</li>
 * </ul>
 * Nothing after t enters an example's features or side; nothing after its closed time enters its label
 * ({@code BarMetaLabelsTest} checks both by changing the future).
 */
public final class BarMetaLabels {
    private BarMetaLabels() {}

    /** What the examples' two labels mean, for reports. */
    public static final String MAIN_LABEL = "win", EARLY_LABEL = "win_1bar";

    /**
     * @param momentumBars m: the primary rule's lookback
     * @param every        one event per this many bars
     * @param horizon      h: the vertical barrier, in bars after the decision
     * @param takeProfit   take profit at +takeProfit·σ√h
     * @param stopLoss     stop loss at −stopLoss·σ√h
     * @param volLookback  bars of 1-bar returns for σ
     * @param costPerSide  fee plus slippage per leg, as a fraction of notional
     */
    public record Config(int momentumBars, int every, int horizon, double takeProfit, double stopLoss, int volLookback, double costPerSide) {
        public Config {
            if (momentumBars < 1 || every < 1 || horizon < 1 || volLookback < 2)
                throw new IllegalArgumentException("momentum bars, every, horizon must be >= 1 and the volatility lookback >= 2, got "
                        + momentumBars + ", " + every + ", " + horizon + ", " + volLookback);
            if (!(takeProfit > 0) || !(stopLoss > 0)) throw new IllegalArgumentException("barrier multiples must be > 0, got " + takeProfit + " and " + stopLoss);
            if (!(costPerSide >= 0 && costPerSide < 0.1)) throw new IllegalArgumentException("cost per side must be in [0, 0.1), got " + costPerSide);
        }

        /** Momentum over 24 bars, an event every h bars, barriers at ±1 σ√h, σ over 64 bars, Bybit's taker fee 0.055 % + 2 bps slippage a leg. */
        public static Config defaults(int horizon) { return new Config(24, horizon, horizon, 1, 1, 64, 0.00055 + 0.0002); }

        public Config withMomentumBars(int m) { return new Config(m, every, horizon, takeProfit, stopLoss, volLookback, costPerSide); }

        public Config withEvery(int e) { return new Config(momentumBars, e, horizon, takeProfit, stopLoss, volLookback, costPerSide); }

        public Config withBarriers(double tp, double sl) { return new Config(momentumBars, every, horizon, tp, sl, volLookback, costPerSide); }

        public Config withCostPerSide(double c) { return new Config(momentumBars, every, horizon, takeProfit, stopLoss, volLookback, c); }
    }

    /** Features known at the close of a bar (e.g. its 64 market features). */
    public interface RowFeatures {
        List<String> names();

        /** The features as of the close of {@code row} (data up to it only); NaN where undefined. */
        double[] at(int row);
    }

    /** The feature names of the examples: side, the primary's strength and σ, then the row features'. */
    public static List<String> featureNames(RowFeatures rows) {
        List<String> names = new ArrayList<>(List.of("side", "primary.momentum_z", "primary.sigma"));
        if (rows != null) for (String n : rows.names()) names.add("market." + n);
        return names;
    }

    /**
     * The primary rule's own features at {@code row} (its strength {@code ln(C_t / C_{t−m}) / (σ√m)} and σ), as the
     * examples carry them; NaN where the history is too short. For a saved model reading a new bar.
     */
    public static double[] primaryFeatures(BarSeries s, int row, Config cfg) {
        int m = cfg.momentumBars(), lb = cfg.volLookback();
        if (row < Math.max(m, lb)) return new double[]{Double.NaN, Double.NaN};
        double[] c = s.closeArray();
        double sigma = sigma(c, row, lb);
        return new double[]{Math.log(c[row] / c[row - m]) / (sigma * Math.sqrt(m)), sigma};
    }

    /** The sample std of the {@code lb} one-bar log returns ending at {@code i}. */
    static double sigma(double[] c, int i, int lb) {
        double sum = 0, sq = 0;
        for (int k = i - lb + 1; k <= i; k++) {
            double r = Math.log(c[k] / c[k - 1]);
            sum += r;
            sq += r * r;
        }
        double var = (sq - sum * sum / lb) / (lb - 1);
        return var > 0 ? Math.sqrt(var) : Double.NaN;
    }

    /** The examples of one series in decision-time order; {@code rows} may be null (the primary's own features only). */
    public static List<MetaExample> of(BarSeries s, Config cfg, RowFeatures rows) {
        int n = s.size(), h = cfg.horizon(), m = cfg.momentumBars(), lb = cfg.volLookback();
        long step = s.interval().millis();
        long[] t = s.openTimeArray();
        double[] o = s.openArray(), hi = s.highArray(), lo = s.lowArray(), c = s.closeArray();
        int back = Math.max(m, lb);
        List<MetaExample> out = new ArrayList<>();
        for (int i = back; i + h < n; i++) {
            if ((t[i] / step) % cfg.every() != 0) continue;
            if (t[i] - t[i - back] != back * step || t[i + h] - t[i] != h * step) continue; // a gap
            double mom = Math.log(c[i] / c[i - m]);
            if (mom == 0 || !Double.isFinite(mom)) continue;
            int side = mom > 0 ? 1 : -1;
            double sigma = sigma(c, i, lb);
            if (!(sigma > 0)) continue;
            double entry = Math.log(o[i + 1]), take = cfg.takeProfit() * sigma * Math.sqrt(h), stop = -cfg.stopLoss() * sigma * Math.sqrt(h);
            double exit = Double.NaN;
            int exitBar = i + h;
            for (int k = i + 1; k <= i + h; k++) {
                double open = side * (Math.log(o[k]) - entry);
                if (k > i + 1 && open <= stop) { exit = open; exitBar = k; break; }
                if (k > i + 1 && open >= take) { exit = open; exitBar = k; break; }
                double worst = side > 0 ? Math.log(lo[k]) - entry : entry - Math.log(hi[k]);
                double best = side > 0 ? Math.log(hi[k]) - entry : entry - Math.log(lo[k]);
                if (worst <= stop) { exit = stop; exitBar = k; break; }
                if (best >= take) { exit = take; exitBar = k; break; }
            }
            if (Double.isNaN(exit)) exit = side * (Math.log(c[i + h]) - entry);
            double net = exit - 2 * cfg.costPerSide();
            boolean early = side * (Math.log(c[i + 1]) - entry) > 0;
            double[] f = features(rows, i, side, mom / (sigma * Math.sqrt(m)), sigma);
            Instant decided = Instant.ofEpochMilli(t[i] + step), closed = Instant.ofEpochMilli(t[exitBar] + step);
            out.add(new MetaExample(s.symbol().value() + "@" + decided, s.symbol().value(), decided, closed, side, early, net > 0, exit, net, f));
        }
        return out;
    }

    private static double[] features(RowFeatures rows, int i, int side, double momZ, double sigma) {
        double[] market = rows == null ? new double[0] : rows.at(i);
        if (rows != null && market.length != rows.names().size())
            throw new IllegalStateException("row features gave " + market.length + " values for " + rows.names().size() + " names");
        double[] f = new double[3 + market.length];
        f[0] = side;
        f[1] = momZ;
        f[2] = sigma;
        System.arraycopy(market, 0, f, 3, market.length);
        return f;
    }
}

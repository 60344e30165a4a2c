package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestSession;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.trading.Portfolio;
import io.tatra.trading.Position;
import io.tatra.trading.TargetOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Design document 003's multi-asset portfolio task as an environment: at each close the agent picks, for every symbol
 * at once, short, flat or long at {@code grossExposure / symbols} of equity (one action component per symbol), on one
 * {@link BacktestSession} holding all the symbols — so fills at the next open, fees, slippage and funding are the
 * backtest's, and the total exposure never exceeds {@link Config#grossExposure}. A symbol whose choice is unchanged gets
 * no order. Reward: the log change of the portfolio's equity over the bar.
 *
 * <p>Observation, known at the close: per symbol its signal vector, its weight (position × price / equity) and its
 * unrealized P&L over equity; then the correlations of the symbols' log returns over the last
 * {@link Config#correlationBars} bars (upper triangle), the gross exposure over equity, the drawdown from the episode's
 * peak and the episode's return so far. The symbols' bars must share their open times (the caller aligns them).
 */
public final class PortfolioEnv implements Env, MultiEnv.Counted {
    /** @param grossExposure total exposure when every symbol is held (e.g. 1 = one equity's worth split evenly) */
    public record Config(BacktestConfig backtest, double grossExposure, int episodeBars, int correlationBars) {
        public Config {
            if (backtest == null) throw new IllegalArgumentException("backtest settings are required");
            if (!(grossExposure > 0 && grossExposure <= 10)) throw new IllegalArgumentException("gross exposure must be in (0, 10], got " + grossExposure);
            if (episodeBars < 2 || episodeBars > 100_000) throw new IllegalArgumentException("episode length must be 2..100000 bars, got " + episodeBars);
            if (correlationBars < 3 || correlationBars > 10_000) throw new IllegalArgumentException("correlation window must be 3..10000 bars, got " + correlationBars);
        }
    }

    /** Position state per symbol (weight, unrealized P&L) and portfolio state (gross exposure, drawdown, episode return). */
    public static final int PER_SYMBOL_STATE = 2, PORTFOLIO_STATE = 3;

    private final Config cfg;
    private final List<MarketFrame> frames;
    private final double[][][] signals;
    private final double[][] correlations;
    private final int n, width, from, to;
    private final Random random;
    private BacktestSession session;
    private int bar, end;
    private int[] held;
    private double startEquity, peak;

    /**
     * @param signals {@code [symbol][bar][k]}: each symbol's signal vector known at each bar's close
     * @param from    first bar an episode may start at (at least {@code correlationBars} in, so the first correlation is whole); {@code to} one past the last
     */
    public PortfolioEnv(Config cfg, List<MarketFrame> frames, double[][][] signals, int from, int to, long seed) {
        if (frames.size() < 2) throw new IllegalArgumentException("a portfolio needs at least two symbols, got " + frames.size());
        if (signals.length != frames.size()) throw new IllegalArgumentException(signals.length + " signal tables for " + frames.size() + " symbols");
        BarSeries first = frames.get(0).bars();
        for (MarketFrame f : frames) {
            BarSeries b = f.bars();
            if (b.size() != first.size() || b.openTimeMillis(0) != first.openTimeMillis(0) || b.openTimeMillis(b.size() - 1) != first.openTimeMillis(first.size() - 1))
                throw new IllegalArgumentException(b.symbol() + "'s bars do not share " + first.symbol() + "'s open times: align the symbols first");
        }
        if (from < cfg.correlationBars() || to > first.size() || to - from < cfg.episodeBars() + 1)
            throw new IllegalArgumentException("bars [" + from + ", " + to + ") hold no episode of " + cfg.episodeBars() + " bars after a "
                    + cfg.correlationBars() + "-bar correlation window");
        this.n = frames.size();
        if (signals[0].length != first.size() || signals[0][from] == null) throw new IllegalArgumentException("signal rows must cover every bar");
        this.width = signals[0][from].length;
        for (int s = 0; s < n; s++) {
            if (signals[s].length != first.size()) throw new IllegalArgumentException(signals[s].length + " signal rows for " + first.size() + " bars of " + frames.get(s).bars().symbol());
            Frames.checkSignals(signals[s], from, to, width, frames.get(s).bars().symbol() + " signal");
        }
        this.cfg = cfg;
        this.frames = List.copyOf(frames);
        this.signals = signals;
        this.from = from;
        this.to = to;
        this.random = new Random(seed);
        this.correlations = correlations(frames, cfg.correlationBars(), from, to);
    }

    /** Per bar in [from, to), the upper triangle of the log returns' correlation matrix over the window ending at that close. */
    static double[][] correlations(List<MarketFrame> frames, int window, int from, int to) {
        int n = frames.size(), pairs = n * (n - 1) / 2;
        double[][] out = new double[to][];
        double[][] r = new double[n][];
        for (int s = 0; s < n; s++) {
            BarSeries b = frames.get(s).bars();
            r[s] = new double[to];
            for (int i = 1; i < to; i++) r[s][i] = Math.log(b.close(i) / b.close(i - 1));
        }
        for (int i = from; i < to; i++) {
            double[] c = new double[pairs];
            int k = 0;
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++) c[k++] = correlation(r[a], r[b], i - window + 1, i + 1);
            out[i] = c;
        }
        return out;
    }

    static double correlation(double[] x, double[] y, int from, int to) {
        int m = to - from;
        double mx = 0, my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= m;
        my /= m;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = from; i < to; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    @Override public int observationSize() { return n * (width + PER_SYMBOL_STATE) + n * (n - 1) / 2 + PORTFOLIO_STATE; }

    @Override
    public int[] actionDims() {
        int[] d = new int[n];
        java.util.Arrays.fill(d, 3);
        return d;
    }

    @Override public int distinctEpisodes() { return (to - from - 1) / cfg.episodeBars(); }

    @Override
    public double[] reset() { return resetAt(from + random.nextInt(to - from - cfg.episodeBars())); }

    /** Starts an episode at bar {@code start} (its close is the first decision). */
    public double[] resetAt(int start) {
        if (start < from || start + cfg.episodeBars() >= to) throw new IllegalArgumentException("an episode at bar " + start + " leaves [" + from + ", " + to + ")");
        end = start + cfg.episodeBars();
        List<MarketFrame> slices = new ArrayList<>(n);
        for (MarketFrame f : frames) slices.add(Frames.episode(f, start, end));
        session = BacktestSession.open(cfg.backtest(), slices);
        session.advance();
        bar = start;
        held = new int[n];
        java.util.Arrays.fill(held, 1);
        startEquity = peak = session.portfolio().equity();
        return observation();
    }

    /** The weight a choice stands for: −1, 0 or +1 times an even share of the gross exposure. */
    public double weight(int choice) { return (choice - 1) * cfg.grossExposure() / n; }

    @Override
    public Step step(int[] a) {
        if (session == null) throw new IllegalStateException("reset first");
        if (a.length != n) throw new IllegalArgumentException("a portfolio action has one choice per symbol (" + n + "), got " + a.length);
        for (int s = 0; s < n; s++) {
            if (a[s] < 0 || a[s] > 2) throw new IllegalArgumentException("choice " + a[s] + " for symbol " + s + " outside 0..2");
            if (a[s] != held[s]) session.submit(new TargetOrder(frames.get(s).bars().symbol(), weight(a[s]), Double.NaN, Double.NaN, null));
            held[s] = a[s];
        }
        double before = session.portfolio().equity();
        session.advance();
        bar++;
        double after = session.portfolio().equity();
        peak = Math.max(peak, after);
        return new Step(observation(), Frames.logReturn(before, after), bar >= end || session.done());
    }

    public int bar() { return bar; }

    public int from() { return from; }

    public int to() { return to; }

    public int symbols() { return n; }

    public Config config() { return cfg; }

    public BacktestSession session() { return session; }

    private double[] observation() {
        double[] o = new double[observationSize()];
        Portfolio p = session.portfolio();
        double eq = p.equity();
        int k = 0;
        for (int s = 0; s < n; s++) {
            System.arraycopy(signals[s][bar], 0, o, k, width);
            k += width;
            Position pos = p.position(s);
            double mark = p.mark(s);
            o[k++] = pos.quantity() * mark / eq;
            o[k++] = pos.quantity() == 0 ? 0 : pos.quantity() * (mark - pos.averageEntry()) / eq;
        }
        System.arraycopy(correlations[bar], 0, o, k, correlations[bar].length);
        k += correlations[bar].length;
        o[k++] = p.gross() / eq;
        o[k++] = eq / peak - 1;
        o[k] = eq / startEquity - 1;
        return o;
    }
}

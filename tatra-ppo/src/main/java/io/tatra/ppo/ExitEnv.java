package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestSession;
import io.tatra.features.MarketFrame;
import io.tatra.market.Symbol;
import io.tatra.trading.Portfolio;
import io.tatra.trading.Position;
import io.tatra.trading.TargetOrder;

import java.util.Arrays;
import java.util.Random;

/**
 * Design document 003's PPO exit task as an environment: an episode is one trade, entered by a given rule (a side per
 * bar, e.g. the cost-aware policy's) at the next open after its signal; from then on the agent manages it. Its action
 * has two components chosen at each close: the exit ({@code hold}, {@code close half}, {@code close all}) and the
 * trailing stop ({@code keep} or a distance of {@link Config#trailSigmas} bar volatilities from the close; a trailing
 * stop only ever tightens). Everything runs on a {@link BacktestSession}: exits fill at the next open, a stop inside a
 * bar's range fills at its level (at the open on a gap), fees, slippage and funding as the backtest charges them.
 * Reward: the log change of equity over the bar. The episode ends when the position is gone or after
 * {@link Config#maxBars} decisions (the rest is then closed at that close, as at the end of a backtest).
 *
 * <p>Observation at a close: the bar's signal vector, then the trade's state — the held side, the share of the entry
 * size still held, the return since entry on the held side in bar volatilities, bars held over the maximum, the
 * give-back from the trade's best close in bar volatilities, the trailing stop's distance from the close in bar
 * volatilities (0 without one) and whether the entry rule still points the held side (+1), the other (−1) or neither.
 */
public final class ExitEnv implements Env, MultiEnv.Counted {
    /** Trade-state features after the signals. */
    public static final int STATE = 7;
    /** The exit component's choices. */
    public static final int HOLD = 0, CLOSE_HALF = 1, CLOSE_ALL = 2;

    /**
     * @param entrySize   the entry's position as a multiple of equity
     * @param maxBars     decisions per trade at most
     * @param trailSigmas trailing-stop distances in bar volatilities (the choices after {@code keep})
     */
    public record Config(BacktestConfig backtest, double entrySize, int maxBars, double[] trailSigmas) {
        public Config {
            if (backtest == null) throw new IllegalArgumentException("backtest settings are required");
            if (!(entrySize > 0 && entrySize <= 10)) throw new IllegalArgumentException("entry size must be in (0, 10], got " + entrySize);
            if (maxBars < 1 || maxBars > 10_000) throw new IllegalArgumentException("a trade lasts 1..10000 bars at most, got " + maxBars);
            if (trailSigmas == null) trailSigmas = new double[0];
            for (double k : trailSigmas) if (!(k > 0 && k <= 100)) throw new IllegalArgumentException("trailing-stop distance " + k + " outside (0, 100] volatilities");
            trailSigmas = trailSigmas.clone();
        }

        /** Full size, trailing stops at 1, 2 and 4 bar volatilities. */
        public static Config of(BacktestConfig backtest, int maxBars) { return new Config(backtest, 1, maxBars, new double[]{1, 2, 4}); }
    }

    private final Config cfg;
    private final MarketFrame frame;
    private final double[][] signals;
    private final int[] side, entries;
    private final double[] sigma;
    private final int from, to, width;
    private final Random random;
    private BacktestSession session;
    private int bar, entryBar, end, heldSide;
    private double entryQty, entryPrice, best;

    /**
     * @param side  per bar, the entry rule's side at its close (+1, −1 or 0)
     * @param sigma per bar, the volatility of one bar's return known at its close (a forecast or a trailing estimate)
     */
    public ExitEnv(Config cfg, MarketFrame frame, double[][] signals, int[] side, double[] sigma, int from, int to, long seed) {
        int n = frame.bars().size();
        if (signals.length != n || side.length != n || sigma.length != n) throw new IllegalArgumentException("signals, sides and volatilities need a row per bar (" + n + ")");
        if (from < 0 || to > n || to - from < cfg.maxBars() + 3) throw new IllegalArgumentException("bars [" + from + ", " + to + ") hold no trade of " + cfg.maxBars() + " bars");
        if (signals[from] == null) throw new IllegalArgumentException("signal row " + from + " is missing");
        this.width = signals[from].length;
        Frames.checkSignals(signals, from, to, width, "signal");
        for (int i = from; i < to; i++) if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) throw new IllegalArgumentException("volatility at bar " + i + " must be > 0, got " + sigma[i]);
        this.cfg = cfg;
        this.frame = frame;
        this.signals = signals;
        this.side = side.clone();
        this.sigma = sigma;
        this.from = from;
        this.to = to;
        this.entries = java.util.stream.IntStream.range(from, to - cfg.maxBars() - 2).filter(i -> side[i] != 0).toArray();
        this.random = new Random(seed);
    }

    @Override public int observationSize() { return width + STATE; }

    @Override public int[] actionDims() { return new int[]{3, 1 + cfg.trailSigmas().length}; }

    /** Entry signals an episode may start at. */
    public int entries() { return entries.length; }

    /** Trades that fit one after another (the data-sufficiency count): each entry after the previous trade's longest end. */
    @Override
    public int distinctEpisodes() {
        int count = 0, free = from;
        for (int e : entries)
            if (e >= free) {
                count++;
                free = e + cfg.maxBars() + 1;
            }
        return count;
    }

    @Override
    public double[] reset() {
        if (entries.length == 0) throw new IllegalStateException("the entry rule gives no entry in bars [" + from + ", " + to + ")");
        return resetAt(entries[random.nextInt(entries.length)]);
    }

    /** Starts a trade on the entry signal at bar {@code entry}'s close; the first decision comes at the close of the bar it filled in. */
    public double[] resetAt(int entry) {
        if (entry < from || entry + cfg.maxBars() + 2 > to || side[entry] == 0) throw new IllegalArgumentException("no trade can start at bar " + entry);
        entryBar = entry;
        end = entry + 1 + cfg.maxBars();
        session = BacktestSession.open(cfg.backtest(), java.util.List.of(Frames.episode(frame, entry, end)));
        session.advance();
        heldSide = side[entry];
        session.submit(new TargetOrder(symbol(), heldSide * cfg.entrySize(), Double.NaN, Double.NaN, null));
        session.advance();
        bar = entry + 1;
        Position p = session.portfolio().position(0);
        entryQty = Math.abs(p.quantity());
        entryPrice = p.averageEntry();
        best = frame.bars().close(bar);
        return observation();
    }

    private Symbol symbol() { return frame.bars().symbol(); }

    @Override
    public Step step(int[] a) {
        if (session == null) throw new IllegalStateException("reset first");
        if (a.length != 2 || a[0] < 0 || a[0] > 2 || a[1] < 0 || a[1] > cfg.trailSigmas().length)
            throw new IllegalArgumentException("an exit action is {exit 0..2, trailing stop 0.." + cfg.trailSigmas().length + "}, got " + Arrays.toString(a));
        Portfolio p = session.portfolio();
        Position pos = p.position(0);
        double close = frame.bars().close(bar);
        if (a[0] != HOLD && pos.quantity() != 0) {
            double fraction = pos.quantity() * close / p.equity();
            session.submit(new TargetOrder(symbol(), a[0] == CLOSE_ALL ? 0 : fraction / 2, Double.NaN, Double.NaN, null));
        }
        if (a[1] > 0 && pos.quantity() != 0) {
            double level = close * (1 - heldSide * cfg.trailSigmas()[a[1] - 1] * sigma[bar]), old = pos.stopPrice();
            double stop = Double.isNaN(old) ? level : heldSide > 0 ? Math.max(old, level) : Math.min(old, level);
            p.protect(0, stop, pos.takeProfitPrice());
        }
        double before = p.equity();
        session.advance();
        bar++;
        double after = p.equity();
        best = heldSide > 0 ? Math.max(best, frame.bars().close(bar)) : Math.min(best, frame.bars().close(bar));
        boolean done = p.position(0).quantity() == 0 || bar >= end || session.done();
        return new Step(observation(), Frames.logReturn(before, after), done);
    }

    public int bar() { return bar; }

    /** The entry signal's bar of the running trade. */
    public int entryBar() { return entryBar; }

    public Config config() { return cfg; }

    public BacktestSession session() { return session; }

    /** Entry bars from {@code first} on, as a sequential run takes them: each after the previous trade's last bar. */
    public int nextEntry(int first) {
        for (int e : entries) if (e >= first) return e;
        return -1;
    }

    private double[] observation() {
        double[] o = new double[width + STATE];
        System.arraycopy(signals[bar], 0, o, 0, width);
        Position p = session.portfolio().position(0);
        double close = frame.bars().close(bar), s = sigma[bar];
        o[width] = heldSide;
        o[width + 1] = entryQty == 0 ? 0 : Math.abs(p.quantity()) / entryQty;
        o[width + 2] = clip(heldSide * Math.log(close / entryPrice) / s);
        o[width + 3] = (bar - entryBar - 1) / (double) cfg.maxBars();
        o[width + 4] = clip(heldSide * Math.log(best / close) / s);
        o[width + 5] = p.quantity() == 0 || Double.isNaN(p.stopPrice()) ? 0 : clip(Math.abs(Math.log(close / p.stopPrice())) / s);
        o[width + 6] = side[bar] == 0 ? 0 : side[bar] == heldSide ? 1 : -1;
        return o;
    }

    private static double clip(double v) { return Math.max(-10, Math.min(10, v)); }
}

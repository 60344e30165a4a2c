package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestSession;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.trading.Position;
import io.tatra.trading.TargetOrder;

import java.util.List;
import java.util.Random;

/**
 * Position sizing as an environment, on the backtest's own {@link BacktestSession}: at each bar's close the agent
 * picks a target position (a fraction of equity, from {@link Config#fractions}); the order fills at the next bar's
 * open with the session's fee, slippage and fill models, funding is paid at each settlement, and the reward is the
 * log change of equity over the bar — so it pays exactly what {@code tatra backtest} charges. An unchanged target
 * sends no order (no rebalancing churn).
 *
 * <p>Observation: the bar's signal vector (e.g. the forecasts, known at its close) followed by the position state —
 * position as a signed multiple of equity, unrealized P&L over equity, bars in the trade (/100, capped at 1), drawdown
 * from the episode's peak, and the episode's return so far. Episodes are {@link Config#episodeBars} bars cut at
 * seeded random starts inside {@code [from, to)} (a training fold's bars only).
 */
public final class SizingEnv implements Env, MultiEnv.Counted {
    /** Position state features after the signals. */
    public static final int STATE = 5;

    /**
     * @param fractions   the target positions the actions stand for, e.g. {−1, −0.5, 0, 0.5, 1}
     * @param episodeBars bars per episode (decisions per episode)
     */
    public record Config(BacktestConfig backtest, double[] fractions, int episodeBars) {
        public Config {
            if (backtest == null) throw new IllegalArgumentException("backtest settings are required");
            if (fractions == null || fractions.length < 2) throw new IllegalArgumentException("give at least two target positions");
            for (double f : fractions) if (!Double.isFinite(f) || Math.abs(f) > 10) throw new IllegalArgumentException("target position " + f + " outside [-10, 10]");
            if (episodeBars < 2 || episodeBars > 100_000) throw new IllegalArgumentException("episode length must be 2..100000 bars, got " + episodeBars);
            fractions = fractions.clone();
        }

        /** Short, flat or long at half and full size. */
        public static Config of(BacktestConfig backtest, int episodeBars) { return new Config(backtest, new double[]{-1, -0.5, 0, 0.5, 1}, episodeBars); }
    }

    private final Config cfg;
    private final MarketFrame frame;
    private final double[][] signals;
    private final int from, to, width;
    private final Random random;
    private BacktestSession session;
    private int bar, end, action = -1, inTrade;
    private double startEquity, peak;

    /**
     * @param signals per bar of {@code frame}, the signal vector known at its close (all of one length, finite)
     * @param from    first bar an episode may start at; {@code to} one past the last bar it may use
     */
    public SizingEnv(Config cfg, MarketFrame frame, double[][] signals, int from, int to, long seed) {
        BarSeries b = frame.bars();
        if (signals.length != b.size()) throw new IllegalArgumentException(signals.length + " signal rows for " + b.size() + " bars");
        if (from < 0 || to > b.size() || to - from < cfg.episodeBars() + 1)
            throw new IllegalArgumentException("bars [" + from + ", " + to + ") hold no episode of " + cfg.episodeBars() + " bars");
        if (signals[from] == null) throw new IllegalArgumentException("signal row " + from + " is missing");
        this.width = signals[from].length;
        Frames.checkSignals(signals, from, to, width, "signal");
        this.cfg = cfg;
        this.frame = frame;
        this.signals = signals;
        this.from = from;
        this.to = to;
        this.random = new Random(seed);
    }

    @Override public int observationSize() { return width + STATE; }

    public int actionCount() { return cfg.fractions().length; }

    @Override public int[] actionDims() { return new int[]{actionCount()}; }

    @Override
    public Step step(int[] a) {
        if (a.length != 1) throw new IllegalArgumentException("a sizing action has one component, got " + a.length);
        return step(a[0]);
    }

    /** Episodes that fit in the range without overlapping (the data-sufficiency count). */
    @Override
    public int distinctEpisodes() { return (to - from - 1) / cfg.episodeBars(); }

    @Override
    public double[] reset() { return resetAt(from + random.nextInt(to - from - cfg.episodeBars())); }

    /** Starts an episode at bar {@code start} (its close is the first decision). */
    public double[] resetAt(int start) {
        if (start < from || start + cfg.episodeBars() >= to)
            throw new IllegalArgumentException("an episode at bar " + start + " leaves [" + from + ", " + to + ")");
        end = start + cfg.episodeBars();
        session = BacktestSession.open(cfg.backtest(), List.of(Frames.episode(frame, start, end)));
        session.advance();
        bar = start;
        action = -1;
        inTrade = 0;
        startEquity = peak = session.portfolio().equity();
        return observation();
    }

    /** Takes target position {@code a} (an index into the configured fractions). */
    public Step step(int a) {
        if (session == null) throw new IllegalStateException("reset first");
        if (a < 0 || a >= actionCount()) throw new IllegalArgumentException("action " + a + " outside 0.." + (actionCount() - 1));
        Symbol s = frame.bars().symbol();
        if (a != action) session.submit(new TargetOrder(s, cfg.fractions()[a], Double.NaN, Double.NaN, null));
        action = a;
        double before = session.portfolio().equity();
        session.advance();
        bar++;
        double after = session.portfolio().equity();
        inTrade = session.portfolio().position(0).quantity() == 0 ? 0 : inTrade + 1;
        peak = Math.max(peak, after);
        double reward = Frames.logReturn(before, after);
        return new Step(observation(), reward, bar >= end || session.done());
    }

    /** The bar whose close the agent is deciding at (an index into the frame's bars). */
    public int bar() { return bar; }

    /** The first bar an episode may start at and one past the last bar it may use. */
    public int from() { return from; }

    public int to() { return to; }

    public Config config() { return cfg; }

    /** The session of the running episode (tests compare its result with a backtest's). */
    public BacktestSession session() { return session; }

    private double[] observation() {
        double[] o = new double[width + STATE];
        System.arraycopy(signals[bar], 0, o, 0, width);
        Position p = session.portfolio().position(0);
        double eq = session.portfolio().equity(), mark = session.portfolio().mark(0);
        o[width] = p.quantity() * mark / eq;
        o[width + 1] = p.quantity() == 0 ? 0 : p.quantity() * (mark - p.averageEntry()) / eq;
        o[width + 2] = Math.min(inTrade, 100) / 100.0;
        o[width + 3] = eq / peak - 1;
        o[width + 4] = eq / startEquity - 1;
        return o;
    }
}

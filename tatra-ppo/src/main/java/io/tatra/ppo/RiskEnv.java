package io.tatra.ppo;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestSession;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.trading.Position;
import io.tatra.trading.TargetOrder;

import java.util.Random;

/**
 * Design document 003's PPO risk-management task as an environment: a base sizer proposes a signed target position at
 * each close (e.g. the cost-aware side at full size); the agent picks a risk multiplier from {@link Config#scales}
 * — the position limit and the risk per trade in one — and the target becomes {@code base × scale}, capped at
 * {@link Config#maxLeverage}. The agent sees what should make it cut risk: the drawdown from the episode's peak, recent
 * volatility against its longer average, and the base sizer's recent win rate. On a {@link BacktestSession} (next-open
 * fills, fees, slippage, funding as the backtest); a target is sent only when its side changes or it moves by more than
 * {@link Config#rebalanceBand} of equity. Reward: the log change of equity over the bar.
 *
 * <p>Observation: the bar's signal vector, then the position over equity, the drawdown from the episode's peak, the
 * episode's return, the base target, the base sizer's win rate over the last {@link Config#winRateBars} bars (its
 * side's return sign, minus ½; 0 without a position), and the log ratio of the last 24 bars' realized volatility to the
 * last 240 bars'.
 */
public final class RiskEnv implements Env, MultiEnv.Counted {
    /** State features after the signals. */
    public static final int STATE = 6;
    static final int SHORT_VOL = 24, LONG_VOL = 240;

    public record Config(BacktestConfig backtest, double[] scales, double maxLeverage, int episodeBars, int winRateBars, double rebalanceBand) {
        public Config {
            if (backtest == null) throw new IllegalArgumentException("backtest settings are required");
            if (scales == null || scales.length < 2) throw new IllegalArgumentException("give at least two risk multipliers");
            for (double s : scales) if (!(s >= 0 && s <= 10)) throw new IllegalArgumentException("risk multiplier " + s + " outside [0, 10]");
            if (!(maxLeverage > 0 && maxLeverage <= 100)) throw new IllegalArgumentException("max leverage must be in (0, 100], got " + maxLeverage);
            if (episodeBars < 2 || episodeBars > 100_000) throw new IllegalArgumentException("episode length must be 2..100000 bars, got " + episodeBars);
            if (winRateBars < 2 || winRateBars > 10_000) throw new IllegalArgumentException("win-rate window must be 2..10000 bars, got " + winRateBars);
            if (!(rebalanceBand >= 0 && rebalanceBand < 10)) throw new IllegalArgumentException("rebalance band must be in [0, 10), got " + rebalanceBand);
            scales = scales.clone();
        }

        /** Multipliers 0, ¼, ½, 1, 1½ of the base, at most 1.5× equity, 240-bar episodes, a 48-bar win rate, a 0.2-equity rebalance band. */
        public static Config of(BacktestConfig backtest) { return new Config(backtest, new double[]{0, 0.25, 0.5, 1, 1.5}, 1.5, 240, 48, 0.2); }
    }

    private final Config cfg;
    private final MarketFrame frame;
    private final double[][] signals;
    private final double[] base, winRate, volRatio;
    private final int from, to, width;
    private final Random random;
    private BacktestSession session;
    private int bar, end;
    private double sent, startEquity, peak;

    /** @param base per bar, the base sizer's signed target position (a multiple of equity) known at its close */
    public RiskEnv(Config cfg, MarketFrame frame, double[][] signals, double[] base, int from, int to, long seed) {
        int n = frame.bars().size();
        if (signals.length != n || base.length != n) throw new IllegalArgumentException("signals and base targets need a row per bar (" + n + ")");
        if (from < 0 || to > n || to - from < cfg.episodeBars() + 1) throw new IllegalArgumentException("bars [" + from + ", " + to + ") hold no episode of " + cfg.episodeBars() + " bars");
        if (signals[from] == null) throw new IllegalArgumentException("signal row " + from + " is missing");
        this.width = signals[from].length;
        Frames.checkSignals(signals, from, to, width, "signal");
        for (int i = from; i < to; i++) if (!Double.isFinite(base[i]) || Math.abs(base[i]) > 100) throw new IllegalArgumentException("base target at bar " + i + " is not a finite multiple of equity");
        this.cfg = cfg;
        this.frame = frame;
        this.signals = signals;
        this.base = base.clone();
        this.from = from;
        this.to = to;
        this.random = new Random(seed);
        this.winRate = winRates(frame.bars(), base, cfg.winRateBars(), to);
        this.volRatio = volRatios(frame.bars(), to);
    }

    /** Per bar, the share of the last {@code window} bars with a base position whose return went its way, minus ½ (0 when there was none). */
    static double[] winRates(BarSeries b, double[] base, int window, int to) {
        double[] out = new double[to];
        for (int i = 1; i < to; i++) out[i] = winRate(b, i, t -> (int) Math.signum(base[t]), window);
        return out;
    }

    /**
     * At bar {@code i}: among the last {@code window} bars (from bar 1 on) whose previous bar had a base side
     * ({@code sideAt}), the share whose close moved that side's way, minus ½; 0 when none had a side. The same function
     * serves the environment and a strategy that acts on its policy.
     */
    public static double winRate(BarSeries b, int i, java.util.function.IntUnaryOperator sideAt, int window) {
        int hit = 0, active = 0;
        for (int t = Math.max(1, i - window + 1); t <= i; t++) {
            int side = sideAt.applyAsInt(t - 1);
            if (side == 0) continue;
            active++;
            if (side * (b.close(t) - b.close(t - 1)) > 0) hit++;
        }
        return active == 0 ? 0 : hit / (double) active - 0.5;
    }

    /** Per bar, {@link #volRatio}. */
    static double[] volRatios(BarSeries b, int to) {
        double[] out = new double[to];
        for (int i = 2; i < to; i++) out[i] = volRatio(b, i);
        return out;
    }

    /** At bar {@code i}: log(realized volatility of the last 24 bars / of the last 240), clipped to ±5; 0 before two returns. */
    public static double volRatio(BarSeries b, int i) {
        if (i < 2) return 0;
        int s = Math.min(SHORT_VOL, i), l = Math.min(LONG_VOL, i);
        double shortSq = 0, longSq = 0;
        for (int t = i - l + 1; t <= i; t++) {
            double r = Math.log(b.close(t) / b.close(t - 1));
            longSq += r * r;
            if (t > i - s) shortSq += r * r;
        }
        double shortVar = shortSq / s, longVar = longSq / l;
        return shortVar > 0 && longVar > 0 ? Math.max(-5, Math.min(5, 0.5 * Math.log(shortVar / longVar))) : 0;
    }

    @Override public int observationSize() { return width + STATE; }

    @Override public int[] actionDims() { return new int[]{cfg.scales().length}; }

    @Override public int distinctEpisodes() { return (to - from - 1) / cfg.episodeBars(); }

    @Override
    public double[] reset() { return resetAt(from + random.nextInt(to - from - cfg.episodeBars())); }

    public double[] resetAt(int start) {
        if (start < from || start + cfg.episodeBars() >= to) throw new IllegalArgumentException("an episode at bar " + start + " leaves [" + from + ", " + to + ")");
        end = start + cfg.episodeBars();
        session = BacktestSession.open(cfg.backtest(), java.util.List.of(Frames.episode(frame, start, end)));
        session.advance();
        bar = start;
        sent = 0;
        startEquity = peak = session.portfolio().equity();
        return observation();
    }

    /** The target the base and a multiplier make, capped at the maximum leverage. */
    public double target(int bar, int choice) {
        double t = base[bar] * cfg.scales()[choice];
        return Math.max(-cfg.maxLeverage(), Math.min(cfg.maxLeverage(), t));
    }

    @Override
    public Step step(int[] a) {
        if (session == null) throw new IllegalStateException("reset first");
        if (a.length != 1 || a[0] < 0 || a[0] >= cfg.scales().length) throw new IllegalArgumentException("a risk action is one multiplier index 0.." + (cfg.scales().length - 1));
        double t = target(bar, a[0]);
        if (Math.signum(t) != Math.signum(sent) || Math.abs(t - sent) > cfg.rebalanceBand()) {
            session.submit(new TargetOrder(frame.bars().symbol(), t, Double.NaN, Double.NaN, null));
            sent = t;
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

    public Config config() { return cfg; }

    public BacktestSession session() { return session; }

    private double[] observation() {
        double[] o = new double[width + STATE];
        System.arraycopy(signals[bar], 0, o, 0, width);
        Position p = session.portfolio().position(0);
        double eq = session.portfolio().equity();
        o[width] = p.quantity() * session.portfolio().mark(0) / eq;
        o[width + 1] = eq / peak - 1;
        o[width + 2] = eq / startEquity - 1;
        o[width + 3] = base[bar];
        o[width + 4] = winRate[bar];
        o[width + 5] = volRatio[bar];
        return o;
    }
}

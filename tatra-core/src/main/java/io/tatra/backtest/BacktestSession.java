package io.tatra.backtest;

import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskCheck;
import io.tatra.trading.ExitReason;
import io.tatra.trading.Portfolio;
import io.tatra.trading.Position;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A backtest one time step at a time: {@link #open} → {@link #step} (or {@link #advance} + {@link #submit}) until
 * {@link #done} → {@link #finish}. Each step replays every symbol's bar at the next open time:
 * <ol>
 *   <li>funding settled at or before the bar's open is paid on the position held before it;</li>
 *   <li>the pending order from the previous bar's signal fills at this bar's open ({@link FillTiming#NEXT_OPEN}),
 *       after the risk check, with the fill, slippage and fee models;</li>
 *   <li>stop loss and take profit are checked against the bar's range; a gap through a level fills at the open;
 *       when both levels lie inside one bar, finer bars decide if given, otherwise the stop (the worse case);</li>
 *   <li>the bar closes: the strategy sees it and may return orders for the next bar.</li>
 * </ol>
 * A reinforcement-learning environment or a paper exchange drives the same object: {@link #advance} closes the
 * bars of the next time without a strategy, {@link #submit} queues orders for the next open, and
 * {@link #portfolio} is the state.
 */
public final class BacktestSession {
    private final BacktestConfig cfg;
    private final RiskCheck risk;
    private final List<MarketFrame> frames;
    private final Map<Symbol, BarSeries> finer;
    private final Portfolio portfolio;
    private final Matching matching;
    private final BarSeries[] series;
    private final long[][] opens;
    private final int[] next, fundingNext;
    private final TargetOrder[] pending;
    private final long[] times;
    private final double[] equity, exposure;
    private final boolean riskStateful;
    private int points;
    private boolean finished;
    /** The next step's open time, recomputed once per step (done() and step() both read it). */
    private long upcoming;

    private BacktestSession(BacktestConfig cfg, ExecutionModels models, List<MarketFrame> frames, Map<Symbol, BarSeries> finer) {
        if (frames.isEmpty()) throw new IllegalArgumentException("nothing to backtest: no symbols");
        this.cfg = cfg;

        this.risk = new RiskCheck(cfg.risk());
        this.riskStateful = cfg.risk().stateful();
        this.frames = List.copyOf(frames);
        this.finer = Map.copyOf(finer);
        int m = frames.size();
        portfolio = new Portfolio(cfg.capital(), frames.stream().map(f -> f.bars().symbol()).toList());
        matching = new Matching(portfolio, models);
        series = new BarSeries[m];
        opens = new long[m][];
        next = new int[m];
        fundingNext = new int[m];
        pending = new TargetOrder[m];
        int total = 0;
        for (int s = 0; s < m; s++) {
            series[s] = frames.get(s).bars();
            opens[s] = series[s].openTimeArray();
            total += series[s].size();
        }
        times = new long[total];
        equity = new double[total];
        exposure = new double[total];
        upcoming = earliestNext();
    }

    /** @param finer per symbol, bars of a smaller interval used only to order a stop and take profit hit in the same bar */
    public static BacktestSession open(BacktestConfig cfg, ExecutionModels models, List<MarketFrame> frames, Map<Symbol, BarSeries> finer) {
        return new BacktestSession(cfg, models, frames, finer);
    }

    public static BacktestSession open(BacktestConfig cfg, List<MarketFrame> frames) {
        return open(cfg, ExecutionModels.of(cfg.costs()), frames, Map.of());
    }

    public Portfolio portfolio() { return portfolio; }

    public RiskCheck risk() { return risk; }

    /** Whether every bar has been replayed. */
    public boolean done() { return upcoming == Long.MAX_VALUE; }

    /** The open time of the next step, {@link Long#MAX_VALUE} when done. */
    public long nextTime() { return upcoming; }

    private long earliestNext() {
        long t = Long.MAX_VALUE;
        for (int s = 0; s < series.length; s++) if (next[s] < series[s].size()) t = Math.min(t, opens[s][next[s]]);
        return t;
    }

    /** Replays the next time step, asking {@code strategy} at each bar's close; returns the step's open time. */
    public long step(Strategy strategy) {
        if (finished) throw new IllegalStateException("the session is finished");
        long t = upcoming;
        if (t == Long.MAX_VALUE) throw new IllegalStateException("no bars left");
        for (int s = 0; s < series.length; s++) {
            if (next[s] >= series[s].size() || opens[s][next[s]] != t) continue;
            int i = next[s]++;
            BarSeries b = series[s];
            funding(s, t, b.open(i));
            TargetOrder p = pending[s];
            if (p != null) {
                pending[s] = null;
                execute(s, p, b.open(i), b, i - 1, b.openTime(i));
            }
            exits(s, b, i, finer.get(b.symbol()));
            portfolio.mark(s, b.close(i));
            if (strategy == null) continue;
            List<TargetOrder> orders = strategy.onBar(b, i, portfolio);
            if (orders == null) continue;
            for (TargetOrder o : orders) {
                if (portfolio.index(o.symbol()) != s) throw new IllegalArgumentException("a strategy called for " + b.symbol() + " returned an order for " + o.symbol());
                submitAt(s, o, b, i);
            }
        }
        times[points] = t;
        double e = portfolio.equity();
        equity[points] = e;
        exposure[points++] = portfolio.gross() / Math.max(e, 1e-12);
        if (riskStateful) risk.onEquity(t, e);
        upcoming = earliestNext();
        return t;
    }

    /** Replays the next time step without a strategy (orders come through {@link #submit}). */
    public long advance() { return step(null); }

    /**
     * Queues an order for the symbol's next open ({@link FillTiming#NEXT_OPEN}), or executes it at the close of
     * the symbol's latest bar ({@link FillTiming#SIGNAL_CLOSE}). A later order for the same symbol replaces a
     * pending one.
     */
    public void submit(TargetOrder o) {
        int s = portfolio.index(o.symbol());
        int i = next[s] - 1;
        if (i < 0) throw new IllegalStateException(o.symbol() + " has no closed bar yet: an order needs a price to refer to");
        submitAt(s, o, series[s], i);
    }

    private void submitAt(int s, TargetOrder o, BarSeries b, int i) {
        if (cfg.timing() == FillTiming.SIGNAL_CLOSE) execute(s, o, b.close(i), b, i, closeTime(b, i));
        else pending[s] = o;
    }

    /** Closes every position at its last close, with costs, and returns the run. */
    public BacktestResult finish() {
        if (finished) throw new IllegalStateException("the session is already finished");
        finished = true;
        for (int s = 0; s < series.length; s++) {
            BarSeries b = series[s];
            int last = Math.max(0, next[s] - 1);
            Position p = portfolio.position(s);
            if (p.quantity() != 0) trade(s, -p.quantity(), b.close(last), b, last, closeTime(b, last), ExitReason.END_OF_DATA, null);
        }
        if (points > 0) {
            equity[points - 1] = portfolio.equity();
            exposure[points - 1] = 0;
        }
        return new BacktestResult(cfg.capital(), Arrays.copyOf(times, points), Arrays.copyOf(equity, points), Arrays.copyOf(exposure, points),
                portfolio.closedTrades(), portfolio.feesPaid(), portfolio.fundingPaid(), portfolio.turnover(), matching.slippagePaid());
    }

    private static Instant closeTime(BarSeries b, int i) { return Instant.ofEpochMilli(b.openTimeMillis(i) + b.interval().millis()); }

    /** Pays every funding settlement up to {@code time} on the position held before this bar's fills. */
    private void funding(int s, long time, double price) {
        List<FundingRate> f = frames.get(s).funding();
        while (fundingNext[s] < f.size() && f.get(fundingNext[s]).time().toEpochMilli() <= time)
            portfolio.payFunding(s, f.get(fundingNext[s]++).rate(), price);
    }

    private void execute(int s, TargetOrder o, double price, BarSeries b, int known, Instant time) {
        portfolio.markIfUnset(s, price);
        if (!o.keepsPosition()) trade(s, o, price, b, known, time);
        Position p = portfolio.position(s);
        if (o.movesStop() && p.quantity() != 0) { // a trailing stop only tightens
            int side = (int) Math.signum(p.quantity());
            double old = p.stopPrice(), stop = Double.isNaN(old) ? o.stopPrice() : side > 0 ? Math.max(old, o.stopPrice()) : Math.min(old, o.stopPrice());
            portfolio.protect(s, stop, p.takeProfitPrice());
        }
    }

    private void trade(int s, TargetOrder o, double price, BarSeries b, int known, Instant time) {
        double eq = portfolio.equity();
        Position p = portfolio.position(s);
        double others = portfolio.gross() - Math.abs(p.quantity() * portfolio.mark(s));
        double qty = risk.approve(o.fraction(), p.quantity(), price, eq, others, time.toEpochMilli());
        double delta = qty - p.quantity();
        if (Math.abs(delta * price) < 1e-9 * Math.max(eq, 1)) delta = 0;
        boolean wasOpen = p.quantity() != 0;
        int before = (int) Math.signum(p.quantity());
        trade(s, delta, price, b, known, time, ExitReason.SIGNAL, o.decisionId());
        int after = (int) Math.signum(p.quantity());
        if (after != 0 && (!wasOpen || after != before || Math.abs(delta) > 0 && Math.signum(delta) == after))
            portfolio.protect(s, Double.isNaN(o.stopLoss()) ? Double.NaN : p.averageEntry() * (1 - after * o.stopLoss()),
                    Double.isNaN(o.takeProfit()) ? Double.NaN : p.averageEntry() * (1 + after * o.takeProfit()));
    }

    /** Fills {@code delta} units near {@code price}; slippage from what is known at bar {@code known}. */
    private void trade(int s, double delta, double price, BarSeries b, int known, Instant time, ExitReason reason, String decision) {
        matching.trade(s, delta, price, b, known, time, reason, decision);
    }

    /** Stop loss / take profit inside bar i. */
    private void exits(int s, BarSeries b, int i, BarSeries fine) {
        matching.exits(s, b, i, fine);
    }
}

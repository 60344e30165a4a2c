package io.tatra.app;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.SizingEnv;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PPO sizing as a {@link Strategy} that manages positions, the same in a backtest and on a paper or live venue: at each
 * bar with a decision of the cost-aware policy (whose trace carries the heads' outputs and the expected return), the
 * sizing policy sees what it saw in its training episodes — the model's signals ({@link SizingService.Signals#row}) and
 * the position state — and sets the symbol's target position; an unchanged target sends nothing, so PPO decides when to
 * enter, resize, hold and exit (no holding rules; no stops, as in its environment).
 *
 * <p>The position state is read from the portfolio: the position and its unrealized P&L over equity, bars in the trade,
 * and the drawdown and return of equity since the start of the current block of {@code episodeBars} bars (the agent
 * trained on episodes of that length; here equity is the whole portfolio's, shared by its symbols).
 */
final class PpoSizingStrategy extends PpoManager {
    /** The decision at a bar's close (null: none yet, e.g. while the window fills). */
    @FunctionalInterface
    interface DecisionSource {
        TradeDecision decision(BarSeries history, int index);
    }

    private final double[] fractions;
    private final int episodeBars;
    private final Map<Symbol, State> states = new HashMap<>();

    private final class State {
        double target = Double.NaN, lastQty, entry = Double.NaN;
        int inTrade;
        final EpisodeBlock block = new EpisodeBlock(episodeBars);
    }

    PpoSizingStrategy(ActorCritic pi, double[] fractions, int episodeBars, double roundTrip, double medianVolatility, DecisionSource source) {
        super(pi, SizingEnv.STATE, "sizing", roundTrip, medianVolatility, source);
        if (pi.dims().length != 1 || pi.dims()[0] != fractions.length) throw new IllegalArgumentException("the policy chooses among " + java.util.Arrays.toString(pi.dims())
                + " actions, not the " + fractions.length + " target positions");
        this.fractions = fractions.clone();
        this.episodeBars = episodeBars;
    }

    /**
     * The orders for decision {@code d} at bar {@code index}. The entry price is the portfolio's average entry where it
     * knows it (a backtest); otherwise the open of the bar where the position appeared (orders fill at the next open).
     */
    @Override
    public List<TargetOrder> orders(BarSeries history, int index, PortfolioView portfolio, TradeDecision d) {
        if (d == null) return List.of();
        Symbol s = history.symbol();
        State st = states.computeIfAbsent(s, k -> new State());
        double qty = portfolio.position(s), entry = portfolio.averageEntry(s);
        if (qty != 0 && (st.lastQty == 0 || Math.signum(qty) != Math.signum(st.lastQty))) st.entry = history.open(index);
        st.lastQty = qty;
        if (Double.isNaN(entry) && qty != 0) entry = st.entry;
        double[] obs = observation(d, st, history.close(index), qty, entry, portfolio.equity(), EpisodeBlock.bar(history.openTimeMillis(index), history.interval().millis()));
        if (obs == null) return List.of();
        double target = fractions[pi.evaluate(obs).greedy()[0]];
        if (target == st.target) return List.of();
        st.target = target;
        return List.of(new TargetOrder(s, target, Double.NaN, Double.NaN, io.tatra.backtest.Journals.id(s, history.openTimeMillis(index))));
    }

    /**
     * The agent's observation at a close (null when the decision carries no forecasts: not a cost-aware decision);
     * {@code bar} counts bars since the epoch, so the blocks are the same whatever window of history a venue passes.
     */
    double[] observation(TradeDecision d, State st, double close, double qty, double entry, double equity, long bar) {
        double[] sig = signals(d);
        if (!SizingService.Signals.finite(sig)) return null;
        st.inTrade = qty == 0 ? 0 : st.inTrade + 1;
        st.block.update(bar, equity);
        double[] o = java.util.Arrays.copyOf(sig, sig.length + SizingEnv.STATE);
        int w = sig.length;
        o[w] = qty * close / equity;
        o[w + 1] = qty == 0 || Double.isNaN(entry) ? 0 : qty * (close - entry) / equity;
        o[w + 2] = Math.min(st.inTrade, 100) / 100.0;
        o[w + 3] = st.block.drawdown(equity);
        o[w + 4] = st.block.blockReturn(equity);
        return o;
    }

    /** A strategy over a run's precomputed decisions (a backtest). */
    static BacktestService.StrategyFactory over(ActorCritic pi, double[] fractions, int episodeBars, double roundTrip, double medianVolatility) {
        return (decisions, ids) -> new PpoSizingStrategy(pi, fractions, episodeBars, roundTrip, medianVolatility, (h, i) -> {
            TradeDecision[] d = decisions.get(h.symbol());
            return d == null || i >= d.length ? null : d[i];
        });
    }
}

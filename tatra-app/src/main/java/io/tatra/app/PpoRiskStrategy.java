package io.tatra.app;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.RiskEnv;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PPO risk management as a {@link Strategy} (backtest) and as the journaling strategy's position manager (paper, live):
 * at each bar with a cost-aware decision the saved risk policy sees what it saw in {@link RiskEnv} — the model's signals,
 * the position over equity, the drawdown and return of equity since the start of the current block of
 * {@code episodeBars} bars, the base target (the side rule's side at full size), the base's win rate over the last
 * {@code winRateBars} bars and the 24/240-bar volatility ratio (the same functions as the environment) — and picks the
 * multiplier; the target {@code base × multiplier} (capped) is sent when its side changes or it moves by more than the
 * rebalance band, as in the environment. No holding rules, no stops.
 */
final class PpoRiskStrategy extends PpoManager {
    private final double[] scales;
    private final double maxLeverage, band;
    private final int episodeBars, winRateBars;
    private final PpoTaskService.Side side;
    private final Map<Symbol, State> states = new HashMap<>();

    private final class State {
        double sent;
        final EpisodeBlock block = new EpisodeBlock(episodeBars);
        /** The base side at each bar's open time (the last few hundred bars). */
        final TreeMap<Long, Integer> sides = new TreeMap<>();
    }

    PpoRiskStrategy(ActorCritic pi, double[] scales, double maxLeverage, double band, int episodeBars, int winRateBars, PpoTaskService.Side side, double roundTrip,
                    double medianVolatility, PpoSizingStrategy.DecisionSource source) {
        super(pi, RiskEnv.STATE, "risk", roundTrip, medianVolatility, source);
        if (pi.dims().length != 1 || pi.dims()[0] != scales.length) throw new IllegalArgumentException("the policy chooses among " + java.util.Arrays.toString(pi.dims())
                + " actions, not the " + scales.length + " multipliers");
        this.scales = scales.clone();
        this.maxLeverage = maxLeverage;
        this.band = band;
        this.episodeBars = episodeBars;
        this.winRateBars = winRateBars;
        this.side = side;
    }

    @Override
    public List<TargetOrder> orders(BarSeries history, int index, PortfolioView portfolio, TradeDecision d) {
        if (d == null) return List.of();
        Symbol s = history.symbol();
        State st = states.computeIfAbsent(s, k -> new State());
        double[] sig = signals(d);
        if (!SizingService.Signals.finite(sig)) return List.of();
        int base = side == PpoTaskService.Side.COST_AWARE ? d.action().sign() : (int) Math.signum(d.traced("p_up") - d.traced("p_down"));
        st.sides.put(history.openTimeMillis(index), base);
        while (st.sides.size() > winRateBars + 2) st.sides.pollFirstEntry();
        double equity = portfolio.equity(), qty = portfolio.position(s);
        st.block.update(EpisodeBlock.bar(history.openTimeMillis(index), history.interval().millis()), equity);
        double[] o = java.util.Arrays.copyOf(sig, sig.length + RiskEnv.STATE);
        int w = sig.length;
        o[w] = qty * history.close(index) / equity;
        o[w + 1] = st.block.drawdown(equity);
        o[w + 2] = st.block.blockReturn(equity);
        o[w + 3] = base;
        o[w + 4] = RiskEnv.winRate(history, index, t -> st.sides.getOrDefault(history.openTimeMillis(t), 0), winRateBars);
        o[w + 5] = RiskEnv.volRatio(history, index);
        double target = Math.max(-maxLeverage, Math.min(maxLeverage, base * scales[pi.evaluate(o).greedy()[0]]));
        if (Math.signum(target) == Math.signum(st.sent) && Math.abs(target - st.sent) <= band) return List.of();
        st.sent = target;
        return List.of(new TargetOrder(s, target, Double.NaN, Double.NaN, io.tatra.backtest.Journals.id(s, history.openTimeMillis(index))));
    }
}

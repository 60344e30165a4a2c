package io.tatra.trading;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays decisions computed beforehand (e.g. by batched model inference over the test windows), one slot per
 * bar of each symbol (null = no decision at that bar). A decision on the side already held keeps the position
 * and its stops; a new side (or flat) sends a target order carrying the decision's size, stop and take profit.
 */
public final class SignalStrategy implements Strategy {
    private final Map<Symbol, TradeDecision[]> decisions;
    private final Map<Symbol, String[]> ids;
    private Symbol lastSymbol;
    private TradeDecision[] lastDecisions;
    private String[] lastIds;
    private HoldingRules rules;

    /** @param ids per symbol and bar, the decision's id (journals link trades to it); may be absent for a symbol */
    public SignalStrategy(Map<Symbol, TradeDecision[]> decisions, Map<Symbol, String[]> ids) {
        this.decisions = new HashMap<>(decisions);
        this.ids = new HashMap<>(ids);
    }

    /** From now on every decision passes the holding rules before it becomes orders; returns this strategy. */
    public SignalStrategy withHoldingRules(HoldingRules r) {
        this.rules = r;
        return this;
    }

    @Override
    public List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) {
        Symbol s = history.symbol();
        if (s != lastSymbol) {
            lastSymbol = s;
            lastDecisions = decisions.get(s);
            lastIds = ids.get(s);
            if (lastDecisions != null && lastDecisions.length != history.size())
                throw new IllegalArgumentException(s + ": " + lastDecisions.length + " decision slots for " + history.size() + " bars");
        }
        if (lastDecisions == null) return List.of();
        TradeDecision d = lastDecisions[index];
        if (rules != null) d = rules.apply(s, d, portfolio.position(s));
        if (d == null) return List.of();
        return DecisionOrders.orders(s, d, portfolio.position(s), lastIds == null ? null : lastIds[index]);
    }
}

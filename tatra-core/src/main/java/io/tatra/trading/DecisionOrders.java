package io.tatra.trading;

import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;

import java.util.List;

/**
 * How a fused decision becomes orders, the one rule every strategy that trades decisions shares: a decision on
 * the side already held keeps the position and its stops (no churn on repeated signals); a new side, or flat,
 * sends a target order carrying the decision's size, stop and take profit.
 */
public final class DecisionOrders {
    private DecisionOrders() {}

    /** The id of the decision taken at the close of the bar opened at {@code openTime}: orders, trades and journals carry it. */
    public static String id(Symbol s, long openTime) { return s.value() + "-" + openTime; }

    /** @param held the signed position now held; @param decisionId links the order (and its trade) to the decision */
    public static List<TargetOrder> orders(Symbol s, TradeDecision d, double held, String decisionId) {
        if (d == null) return List.of();
        int want = d.action().sign(), side = (int) Math.signum(held);
        if (want == side) return List.of();
        if (want == 0) return List.of(TargetOrder.flat(s, decisionId));
        return List.of(new TargetOrder(s, want * d.size(), d.stopLoss(), d.takeProfit(), decisionId));
    }
}

package io.tatra.decision;

import java.util.Map;

/**
 * One fused decision. Every number is traceable: {@code trace} holds the head outputs and each intermediate
 * value the policy computed from them, by name.
 *
 * @param confidence  in [0, 1]
 * @param size        position as a fraction of capital (0 when flat; may exceed 1 up to the leverage cap)
 * @param stopLoss    distance of the stop from the entry, as a fraction of price (> 0)
 * @param takeProfit  distance of the take profit from the entry, as a fraction of price (> 0)
 * @param consistency in [0, 1]: 1 when direction, regime and return all point the same way
 * @param skip        why a flat decision is flat (null for a decision to hold a side, or when the policy gives none)
 */
public record TradeDecision(Action action, double confidence, double size, double stopLoss, double takeProfit, double consistency,
                            String reasoning, Map<String, Double> trace, SkipReason skip) {
    public TradeDecision {
        if (action == null) throw new IllegalArgumentException("action is required");
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("confidence " + confidence + " outside [0, 1]");
        if (!(size >= 0) || !Double.isFinite(size)) throw new IllegalArgumentException("size must be finite and >= 0, got " + size);
        if (action == Action.FLAT && size != 0) throw new IllegalArgumentException("a flat decision has size 0, got " + size);
        if (!(stopLoss > 0) || !(takeProfit > 0)) throw new IllegalArgumentException("stop loss and take profit distances must be > 0");
        if (!(consistency >= 0 && consistency <= 1)) throw new IllegalArgumentException("consistency " + consistency + " outside [0, 1]");
        if (skip != null && action != Action.FLAT) throw new IllegalArgumentException("only a flat decision has a skip reason, got " + action + " with " + skip);
        trace = Map.copyOf(trace);
    }

    /** A decision without a skip reason. */
    public TradeDecision(Action action, double confidence, double size, double stopLoss, double takeProfit, double consistency, String reasoning, Map<String, Double> trace) {
        this(action, confidence, size, stopLoss, takeProfit, consistency, reasoning, trace, null);
    }

    /** A traced number, or NaN when the policy did not compute it. */
    public double traced(String name) {
        Double v = trace.get(name);
        return v == null ? Double.NaN : v;
    }
}

package io.tatra.trading;

import io.tatra.decision.Action;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What a held position needs before a signal may close or flip it, the same in backtests, on the paper exchange and
 * live (one instance per strategy, fed every bar of every symbol in order):
 * <ul>
 *   <li><b>minimum holding time</b>: a position younger than {@code minHoldBars} closed bars is kept (its stop and take
 *       profit still fire at the venue);</li>
 *   <li><b>hysteresis</b>: a flat or opposite signal closes the position only when the held side's expected return
 *       ({@code edge} in the decision's trace) has fallen below the decision's {@code exit_level}; entries need the
 *       higher entry level, so the position does not churn around one threshold;</li>
 *   <li><b>no flip without the edge to pay both legs</b>: the other side is taken only when its expected return reaches
 *       {@code flip_level} (closing this position plus the new round trip); otherwise the position is closed or kept.</li>
 * </ul>
 * Decisions without an {@code edge} in their trace (e.g. the rule-based fusion) get the minimum holding time only.
 */
public final class HoldingRules {
    private final int minHoldBars;
    private final Map<Symbol, State> states = new HashMap<>();
    private final EnumMap<SkipReason, Long> heldBack = new EnumMap<>(SkipReason.class);

    public HoldingRules(int minHoldBars) {
        if (minHoldBars < 0) throw new IllegalArgumentException("minimum holding time must be >= 0 bars, got " + minHoldBars);
        this.minHoldBars = minHoldBars;
    }

    /**
     * The decision to carry out at this bar of {@code symbol}, given the signed position held now: {@code d} itself, a
     * flat exit in its place, or null to keep the position as it is. Call once per bar, decision or not (null).
     */
    public TradeDecision apply(Symbol symbol, TradeDecision d, double position) {
        State st = states.computeIfAbsent(symbol, k -> new State());
        int held = (int) Math.signum(position);
        if (held != st.side) {
            st.side = held;
            st.bars = 0;
        } else {
            st.bars++;
        }
        if (d == null) return null;
        int want = d.action().sign();
        if (held == 0 || want == held) return d;
        if (st.bars + 1 < minHoldBars) return keep(SkipReason.MINIMUM_HOLD);
        double e = d.traced("edge");
        if (Double.isNaN(e)) return d;
        boolean exit = held * e < d.traced("exit_level");
        if (want == -held) {
            if (want * e >= d.traced("flip_level")) return d;
            if (!exit) return keep(SkipReason.FLIP_BELOW_COST);
            count(SkipReason.FLIP_BELOW_COST);
            return new TradeDecision(Action.FLAT, d.confidence(), 0, d.stopLoss(), d.takeProfit(), d.consistency(),
                    d.reasoning() + " Closed instead of flipped: the other side does not pay both legs.", d.trace(), SkipReason.FLIP_BELOW_COST);
        }
        return exit ? d : keep(SkipReason.HYSTERESIS);
    }

    /** Signals held back, per reason. */
    public Map<SkipReason, Long> heldBack() { return new EnumMap<>(heldBack); }

    private TradeDecision keep(SkipReason r) {
        count(r);
        return null;
    }

    private void count(SkipReason r) { heldBack.merge(r, 1L, Long::sum); }

    private static final class State {
        int side, bars;
    }
}

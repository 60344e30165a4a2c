package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.SizingEnv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO as the sizer of entries (design document 003's workflow: the entry signal, then "PPO: determine position size"):
 * each decision of the cost-aware policy is shown to the trained agent as it would see it from a flat book at that
 * bar (the model's signals, no position, no drawdown); the agent's target on the decision's side becomes the size, a
 * target of zero or on the other side makes the decision flat ({@code PPO_NO_POSITION}). Exits stay with the policy's
 * holding rules and the stops.
 */
final class PpoEntrySizer {
    private final ActorCritic pi;
    private final CostAwareFusion policy;
    private final double medianVolatility;
    private final double[] fractions;
    private final int horizon;

    PpoEntrySizer(ActorCritic pi, CostAwareFusion policy, double medianVolatility, double[] fractions, int horizon) {
        this.pi = pi;
        this.policy = policy;
        this.medianVolatility = medianVolatility;
        this.fractions = fractions.clone();
        this.horizon = horizon;
    }

    /** The agent's observation of a decision from a flat book: the same signals as in training, then a zero position state. */
    double[] observation(TradeDecision d) {
        double[] signals = SizingService.Signals.ofTrace(d, policy.costs().roundTrip(1, horizon), medianVolatility);
        return java.util.Arrays.copyOf(signals, signals.length + SizingEnv.STATE); // then a flat book: zeros
    }

    /** The agent's target position (a signed multiple of equity) from a flat book at this decision, or NaN when it carries no forecasts. */
    double target(TradeDecision d) {
        double[] obs = observation(d);
        return SizingService.Signals.finite(obs) ? fractions[pi.evaluate(obs).greedy()[0]] : Double.NaN;
    }

    TradeDecision resize(TradeDecision d) {
        if (d.action() == Action.FLAT) return d;
        double target = target(d);
        if (Double.isNaN(target)) return d; // not a cost-aware decision: left as it is
        double size = d.action().sign() * target;
        Map<String, Double> trace = new LinkedHashMap<>(d.trace());
        trace.put("ppo_target", target);
        trace.put("size", Math.max(0, size));
        if (!(size > 0)) return new TradeDecision(Action.FLAT, d.confidence(), 0, d.stopLoss(), d.takeProfit(), d.consistency(),
                d.reasoning() + String.format(java.util.Locale.ROOT, " PPO from a flat book targets %+.1f × equity: no position on this side.", target), trace, SkipReason.PPO_NO_POSITION);
        return new TradeDecision(d.action(), d.confidence(), size, d.stopLoss(), d.takeProfit(), d.consistency(),
                d.reasoning() + String.format(java.util.Locale.ROOT, " Sized by PPO: %.1f × equity.", size), trace, null);
    }
}

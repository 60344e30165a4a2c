package io.tatra.app;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.RiskEnv;

/**
 * A saved PPO risk policy as the ensemble's risk view (design document 003's "PPO: size and risk", and its rule "any
 * model's risk > 0.7 → reduce or skip"): each decision is shown to the agent as it would see it from a flat book at the
 * start of a block — the model's signals, no position, no drawdown, no block return — with the base side, the base's
 * win rate over the bars before and the 24/240-bar volatility ratio (the environment's functions); the multiplier it
 * picks becomes a risk of {@code 1 − |multiplier| / the largest}: the agent cutting the position to nothing is risk 1,
 * holding the full base is 0. Without a base side the agent's choice changes nothing, and there is no risk view (NaN).
 */
final class PpoRiskVote {
    private final ActorCritic pi;
    private final double[] scales;
    private final int winRateBars;
    private final PpoTaskService.Side side;
    private final double roundTrip, medianVolatility, largest;

    PpoRiskVote(ActorCritic pi, double[] scales, int winRateBars, PpoTaskService.Side side, double roundTrip, double medianVolatility) {
        if (pi.dims().length != 1 || pi.dims()[0] != scales.length)
            throw new IllegalArgumentException("the policy chooses among " + java.util.Arrays.toString(pi.dims()) + " actions, not the " + scales.length + " multipliers");
        double m = 0;
        for (double s : scales) m = Math.max(m, Math.abs(s));
        if (!(m > 0)) throw new IllegalArgumentException("the risk policy's multipliers are all zero");
        this.pi = pi;
        this.scales = scales.clone();
        this.winRateBars = winRateBars;
        this.side = side;
        this.roundTrip = roundTrip;
        this.medianVolatility = medianVolatility;
        this.largest = m;
    }

    /** The base side the policy was trained on, for decision {@code d}. */
    int base(TradeDecision d) {
        return side == PpoTaskService.Side.COST_AWARE ? d.action().sign() : (int) Math.signum(d.traced("p_up") - d.traced("p_down"));
    }

    /**
     * The risk of bar {@code row} of {@code bars} given its decision; {@code sides} holds the base side of every earlier
     * row of the same series (this row's is written here), for the win rate.
     */
    double risk(TradeDecision d, BarSeries bars, int row, int[] sides) {
        int base = base(d);
        sides[row] = base;
        double[] sig = SizingService.Signals.ofTrace(d, roundTrip, medianVolatility);
        if (base == 0 || !SizingService.Signals.finite(sig)) return Double.NaN;
        int w = sig.length;
        double[] o = java.util.Arrays.copyOf(sig, w + RiskEnv.STATE); // position, drawdown, block return: a flat book's zeros
        o[w + 3] = base;
        o[w + 4] = RiskEnv.winRate(bars, row, t -> sides[t], winRateBars);
        o[w + 5] = RiskEnv.volRatio(bars, row);
        return 1 - Math.abs(scales[pi.evaluate(o).greedy()[0]]) / largest;
    }
}

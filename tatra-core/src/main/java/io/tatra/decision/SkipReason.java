package io.tatra.decision;

/**
 * Why a decision did not open or change a position. Every flat decision of a policy, and every signal the holding rules
 * held back, carries one, so a run with no trades explains itself (the backtest counts them per reason).
 */
public enum SkipReason {
    /** The volatility forecast is so large that the stop or take profit would not be a price level. */
    IMPLAUSIBLE_VOLATILITY("implausible volatility forecast"),
    /** |P(up) − P(down)| below the rule-based fusion's minimum edge. */
    NO_DIRECTIONAL_EDGE("no directional edge"),
    /** The direction head points against the regime and return heads. */
    DIRECTION_AGAINST_OTHERS("direction against regime and return"),
    /** Direction, regime and return contradict each other. */
    LOW_CONSISTENCY("heads contradict each other"),
    /** On the validation part the direction forecast did not predict returns (slope ≤ 0): no edge to trade. */
    NO_VALIDATED_SKILL("no validated skill"),
    /** The expected return does not pay the round trip (fees, slippage and expected funding). */
    EDGE_BELOW_COST("edge below cost"),
    /** The expected return pays its costs but is below the entry threshold fitted on the validation part. */
    BELOW_ENTRY_THRESHOLD("edge below entry threshold"),
    /** A position younger than the minimum holding time is kept. */
    MINIMUM_HOLD("minimum holding time"),
    /** The held side's edge is still above the exit level: kept (hysteresis). */
    HYSTERESIS("held: edge above exit level"),
    /** The other side's edge does not pay for closing this position and opening the other. */
    FLIP_BELOW_COST("flip would not pay both legs"),
    /** Ensemble: the timing member has no entry signal above its confidence. */
    NO_ENTRY_SIGNAL("ensemble: no entry signal"),
    /** Ensemble: the win probability on the timing side is too low. */
    WIN_PROBABILITY_TOO_LOW("ensemble: win probability too low"),
    /** Ensemble: the members' combined confidence is below the minimum. */
    LOW_ENSEMBLE_CONFIDENCE("ensemble: confidence too low"),
    /** Ensemble: a member's risk is above the limit and the policy is to skip. */
    HIGH_RISK("ensemble: risk too high"),
    /** Ensemble: no rule for a trade fired; wait for a better setup. */
    NO_SETUP("ensemble: no setup"),
    /** Kelly sizing: the half-Kelly fraction on the decision's side is 0 (win probability too low for the win/loss ratio). */
    KELLY_ZERO("half-Kelly fraction is 0"),
    /** PPO sizing: the agent, asked to size an entry from a flat book, holds no position on the decision's side. */
    PPO_NO_POSITION("PPO sizes no position");

    private final String text;

    SkipReason(String text) { this.text = text; }

    /** A short human description (reports). */
    public String text() { return text; }
}

package io.tatra.decision;

import java.util.List;

/**
 * Which policy turns forecasts into decisions, with everything it needs; {@link #fit} builds it for one model from
 * that model's validation windows (never the test part).
 *
 * @param kind      the policy
 * @param risk      stops, take profits and sizing (both policies)
 * @param costAware the cost-aware policy's settings (ignored by the rule-based one)
 * @param costs     what a trade costs (ignored by the rule-based one)
 */
public record DecisionPolicy(Kind kind, FusionConfig risk, CostAwareConfig costAware, TradeCosts costs) {
    /** The policies. */
    public enum Kind {
        /** The design document's three-step fusion: trades whenever |P(up) − P(down)| ≥ the minimum edge and the heads agree. */
        RULE_BASED("rule"),
        /** Trades only what pays for its costs, with thresholds from the validation part and holding rules. */
        COST_AWARE("cost-aware");

        private final String code;

        Kind(String code) { this.code = code; }

        public String code() { return code; }

        /** The kind for a command-line code ("rule", "cost-aware"); a clear error otherwise. */
        public static Kind parse(String s) {
            for (Kind k : values()) if (k.code.equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("unknown policy '" + s + "': expected rule or cost-aware");
        }
    }

    public DecisionPolicy {
        if (kind == null || risk == null) throw new IllegalArgumentException("a policy kind and risk settings are required");
        if (kind == Kind.COST_AWARE && (costAware == null || costs == null)) throw new IllegalArgumentException("the cost-aware policy needs its settings and the trade costs");
    }

    public static DecisionPolicy ruleBased(FusionConfig risk) { return new DecisionPolicy(Kind.RULE_BASED, risk, null, null); }

    public static DecisionPolicy costAware(FusionConfig risk, CostAwareConfig cfg, TradeCosts costs) { return new DecisionPolicy(Kind.COST_AWARE, risk, cfg, costs); }

    /** Whether {@link #fit} reads validation windows. */
    public boolean needsValidation() { return kind == Kind.COST_AWARE; }

    /**
     * The policy for one model.
     *
     * @param validation the model's outputs on its validation windows (may be empty for the rule-based policy)
     * @param realized   their realized horizon log returns
     */
    public FusionPolicy fit(List<HeadOutputs> validation, double[] realized) {
        return switch (kind) {
            case RULE_BASED -> new RuleBasedFusion(risk);
            case COST_AWARE -> {
                if (validation.isEmpty()) throw new IllegalArgumentException("the cost-aware policy needs the model's validation windows to fit its edge and thresholds");
                yield CostAwareFusion.fit(risk, costAware, costs, validation, realized);
            }
        };
    }

    /** The holding rules' minimum time in bars (0 for the rule-based policy, which has none). */
    public int minHoldBars() { return kind == Kind.COST_AWARE ? costAware.minHoldBars() : 0; }
}

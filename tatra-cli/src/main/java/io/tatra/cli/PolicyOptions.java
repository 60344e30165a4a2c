package io.tatra.cli;

import io.tatra.app.PolicySpec;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.FusionConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How forecasts become decisions, the same options for backtest, decide, paper and live. */
final class PolicyOptions {
    @Option(names = "--policy", defaultValue = "cost-aware", description = {"How forecasts become decisions: cost-aware (default: trade only what pays its round trip,",
            "thresholds fitted on the model's validation part, hysteresis, minimum holding time) or rule (the fusion alone, as before issue 16)"})
    String policy;

    @Option(names = "--entry-quantile", defaultValue = "0.8", description = "Cost-aware: enter on signals above this quantile of |expected return| on validation (default 0.8)")
    double entryQuantile;

    @Option(names = "--min-skill-t", defaultValue = "2", description = "Cost-aware: the validated edge slope's t-statistic must reach this, else no trades (default 2)")
    double minSkillT;

    @Option(names = "--min-hold", paramLabel = "BARS", description = "Cost-aware: keep a position at least this many bars (default: the model's horizon)")
    Integer minHold;

    @Option(names = "--ppo-policy", paramLabel = "DIR", description = "Cost-aware: a PPO sizing policy (tatra ppo --task sizing --save DIR) trained on the model's forecasts manages the positions instead of the holding rules")
    Path ppoPolicy;

    DecisionPolicy.Kind kind() { return UserValues.of("--policy", () -> DecisionPolicy.Kind.parse(policy)); }

    /** The cost-aware settings for a model of this horizon. */
    CostAwareConfig costAware(int horizon) {
        return UserValues.of("--entry-quantile / --min-skill-t / --min-hold", () -> CostAwareConfig.defaults(horizon).withEntryQuantile(entryQuantile)
                .withMinSkillT(minSkillT).withMinHoldBars(minHold == null ? horizon : minHold));
    }

    /** The session's policy: {@code home}'s store holds the model's validation bars; {@code funding} a funding folder or null. */
    PolicySpec spec(FusionConfig risk, CostConfig costs, int horizon, Path home, Path funding) {
        PolicySpec spec = kind() == DecisionPolicy.Kind.RULE_BASED ? new PolicySpec(DecisionPolicy.Kind.RULE_BASED, risk, null, costs, null, funding)
                : PolicySpec.costAware(risk, costAware(horizon), costs, home, funding);
        return ppoPolicy == null ? spec : spec.withPpoPolicy(ppoPolicy);
    }
}

package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.FusionPolicy;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelCard;
import io.tatra.trading.HoldingRules;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a session turns a model's forecasts into decisions, the same for a backtest, {@code tatra decide}, the paper
 * exchange and live: the policy, its risk settings, and for the cost-aware policy its settings, the costs it prices
 * and where the model's validation bars are (the store in {@code home}, funding from {@code funding} or the store).
 *
 * @param home      the Tatra home whose store holds the model's validation period (cost-aware only)
 * @param funding   a folder of funding CSV files, or null for the store's
 * @param ppoPolicy a saved PPO sizing policy that manages the positions instead of the holding rules (cost-aware only), or null
 * @param fitted    the policy already fitted for one model, which {@link #fit(Path, ModelCard, Consumer)} hands back for
 *                  that model instead of fitting again (a paper run's rehearsal and its run), or null
 */
public record PolicySpec(DecisionPolicy.Kind kind, FusionConfig risk, CostAwareConfig costAware, CostConfig costs, Path home, Path funding, Path ppoPolicy,
                         Fitted fitted) {
    /** A policy fitted for {@code model} (its path as given). */
    public record Fitted(Path model, FusionPolicy policy) {
        public Fitted {
            if (model == null || policy == null) throw new IllegalArgumentException("a fitted policy needs its model and the policy");
        }
    }

    public PolicySpec {
        if (kind == null || risk == null || costs == null) throw new IllegalArgumentException("policy kind, risk settings and costs are required");
        if (kind == DecisionPolicy.Kind.COST_AWARE && (costAware == null || home == null))
            throw new IllegalArgumentException("the cost-aware policy needs its settings and the home whose store holds the model's validation bars");
        if (ppoPolicy != null && kind != DecisionPolicy.Kind.COST_AWARE)
            throw new TatraException("--ppo-policy reads the cost-aware policy's expected return: use --policy cost-aware");
    }

    public PolicySpec(DecisionPolicy.Kind kind, FusionConfig risk, CostAwareConfig costAware, CostConfig costs, Path home, Path funding) {
        this(kind, risk, costAware, costs, home, funding, null, null);
    }

    /** The same with a PPO sizing policy managing the positions (null: the holding rules do). */
    public PolicySpec withPpoPolicy(Path dir) { return new PolicySpec(kind, risk, costAware, costs, home, funding, dir, fitted); }

    /** The same, fitted once for {@code model}: later fits for that model take this one. */
    public PolicySpec withFitted(Path model, FusionPolicy policy) {
        return new PolicySpec(kind, risk, costAware, costs, home, funding, ppoPolicy, new Fitted(model, policy));
    }

    /** The rule-based fusion alone (no fitting, no holding rules). */
    public static PolicySpec rule(FusionConfig risk) { return new PolicySpec(DecisionPolicy.Kind.RULE_BASED, risk, null, CostConfig.bybitLinear(), null, null); }

    /** The cost-aware policy with these settings and costs, fitted from {@code home}'s store. */
    public static PolicySpec costAware(FusionConfig risk, CostAwareConfig cfg, CostConfig costs, Path home, Path funding) {
        return new PolicySpec(DecisionPolicy.Kind.COST_AWARE, risk, cfg, costs, home, funding);
    }

    /** The holding rules this policy trades with: a fresh instance per session (null for the rule-based fusion, or when PPO manages the positions). */
    public HoldingRules holdingRules() { return kind == DecisionPolicy.Kind.COST_AWARE && ppoPolicy == null ? new HoldingRules(costAware.minHoldBars()) : null; }

    /**
     * The fitted policy for {@code model} (its card {@code card}): the cost-aware one is fitted on the model's own
     * validation part, every symbol it was trained on, whichever symbols it then trades.
     */
    public FusionPolicy fit(Path model, ModelCard card, Consumer<String> log) {
        if (fitted != null && fitted.model().equals(model)) return fitted.policy();
        return fit(model, card, ds -> PolicyFits.forecasts(model, ds), log);
    }

    /** The fitted policy for a loaded unified model (a retrained version about to be traded). */
    public FusionPolicy fit(io.tatra.model.io.ModelStore.Loaded loaded, String name, Consumer<String> log) {
        return fit(name, loaded.card(), ds -> PolicyFits.forecasts(loaded, ds), log);
    }

    private FusionPolicy fit(Object model, ModelCard card, java.util.function.Function<io.tatra.dataset.Dataset, PolicyFits.Forecasted> source, Consumer<String> log) {
        if (kind == DecisionPolicy.Kind.RULE_BASED) return DecisionPolicy.ruleBased(risk).fit(List.of(), new double[0]);
        if (card.labels() == null || card.symbols() == null || card.symbols().isEmpty())
            throw new TatraException("model " + model + " has no label settings or symbols in its card: the cost-aware policy cannot find its validation part; use --policy rule");
        List<Symbol> symbols = card.symbols().stream().map(Symbol::of).toList();
        DataRequest data = DataRequest.of(symbols, Interval.parse(card.interval())).withHorizon(card.labels().horizon()).withFeaturesOf(card.featureSchema());
        return PolicyFits.forModel(home, data, model, card, source, this, log);
    }
}

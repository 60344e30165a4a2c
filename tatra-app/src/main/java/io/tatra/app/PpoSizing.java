package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.decision.DecisionPolicy;
import io.tatra.model.io.ModelStore;
import io.tatra.ppo.PpoCard;
import io.tatra.ppo.PpoStore;
import io.tatra.ppo.PpoTask;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A saved PPO policy ({@code tatra ppo --task sizing|risk --save DIR}) put to work: it manages the positions of a
 * backtest, paper or live session of the model it was trained on ({@link PpoSizingStrategy}, {@link PpoRiskStrategy}),
 * seeing the same signals and state as in its training episodes; a sizing policy can also be the ensemble's sizer.
 * Refused, with the reason, for a policy of another task or observation, or one trained on another model's forecasts.
 */
public final class PpoSizing {
    private PpoSizing() {}

    /** What the strategy needs from the policy's card: its targets, episode length and the signal scales it trained with. */
    record Settings(double[] fractions, int episodeBars, double roundTrip, double medianVolatility) {}

    public static BacktestService.Run backtest(Path home, BacktestRequest req, Path policyDir, Consumer<String> log) {
        if (req.model() == null) throw new TatraException("--ppo-policy needs --model: the model whose forecasts the policy was trained on");
        if (req.policy() != DecisionPolicy.Kind.COST_AWARE) throw new TatraException("--ppo-policy reads the cost-aware policy's expected return: use --policy cost-aware");
        try (PpoStore.Loaded l = PpoStore.load(policyDir)) {
            BacktestService.StrategyFactory factory = (decisions, ids) -> manager(l, policyDir, req.model(), (h, i) -> {
                io.tatra.decision.TradeDecision[] d = decisions.get(h.symbol());
                return d == null || i >= d.length ? null : d[i];
            });
            manager(l, policyDir, req.model(), (h, i) -> null); // refuses a mismatched policy before any data is read
            log.accept(String.format(java.util.Locale.ROOT, "PPO %s policy %s (trained on %s .. %s, %d episodes, %,d steps) manages the positions; the holding rules are off",
                    l.card().task().label(), policyDir, l.card().episodesFrom(), l.card().episodesTo(), l.card().distinctEpisodes(), l.card().steps()));
            // one PyTorch thread throughout: the policy's choices must not depend on --threads
            return io.tatra.model.nn.Torch.singleThreaded(() -> BacktestService.run(home, req, factory, "ppo-" + l.card().task().label() + " " + policyDir.getFileName(), log));
        }
    }

    /** A strategy that manages positions itself: in a backtest, and as the journaling strategy's hook on a venue. */
    interface Manager extends io.tatra.trading.Strategy, JournaledStrategy.Positions {}

    /**
     * The position manager a saved sizing, risk or exit policy makes for {@code model}'s decisions (refused for another
     * task or model; an exit policy's trailing stops go to a venue as trading-stop moves).
     */
    static Manager manager(PpoStore.Loaded l, Path dir, Path model, PpoSizingStrategy.DecisionSource source) {
        PpoCard c = l.card();
        if (c.task() == PpoTask.EXITS) {
            PpoStore.requireCompatible(c, dir, PpoTask.EXITS, PpoTaskEnvs.names(PpoTaskEnvs.EXIT_STATE), new int[]{3, 4});
            requireSameModel(c, dir, model);
            var env = c.environment();
            return new PpoExitStrategy(l.policy(), numbers(env.get("trailVolatilities"), dir, "trailVolatilities"), (int) number(env, "maxBars", dir),
                    number(env, "entrySize", dir), PpoTaskService.Side.parse(String.valueOf(env.get("entries"))), number(env, "roundTrip", dir),
                    number(env, "medianVolatility", dir), source);
        }
        if (c.task() == PpoTask.RISK) {
            PpoStore.requireCompatible(c, dir, PpoTask.RISK, PpoTaskEnvs.names(PpoTaskEnvs.RISK_STATE), new int[]{5});
            requireSameModel(c, dir, model);
            var env = c.environment();
            double[] scales = numbers(env.get("scales"), dir, "scales");
            return new PpoRiskStrategy(l.policy(), scales, number(env, "maxLeverage", dir), number(env, "rebalanceBand", dir), (int) number(env, "episodeBars", dir),
                    (int) number(env, "winRateBars", dir), PpoTaskService.Side.parse(String.valueOf(env.get("base"))), number(env, "roundTrip", dir),
                    number(env, "medianVolatility", dir), source);
        }
        if (c.task() != PpoTask.SIZING)
            throw new TatraException(dir + " is a PPO " + c.task().label() + " policy: only sizing, risk and exit policies manage positions (the portfolio policy is compared by tatra ppo)");
        Settings s = check(c, dir, model);
        return new PpoSizingStrategy(l.policy(), s.fractions(), s.episodeBars(), s.roundTrip(), s.medianVolatility(), source);
    }

    private static double number(java.util.Map<String, Object> env, String key, Path dir) {
        if (!(env.get(key) instanceof Number n)) throw new TatraException(dir + ": the card lacks the environment's " + key + "; train the policy again");
        return n.doubleValue();
    }

    private static double[] numbers(Object v, Path dir, String key) {
        if (!(v instanceof List<?> l) || l.isEmpty() || !l.stream().allMatch(x -> x instanceof Number))
            throw new TatraException(dir + ": the card lacks the environment's " + key + "; train the policy again");
        return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    /** A loaded sizing policy as an entry sizer (the ensemble's sizer member); close it after the run. */
    record Sizer(PpoStore.Loaded loaded, PpoEntrySizer sizer) implements AutoCloseable {
        @Override public void close() { loaded.close(); }
    }

    /** Loads the policy for {@code model}'s cost-aware decisions as an entry sizer (refused as for a backtest). */
    static Sizer entrySizer(Path policyDir, Path model, io.tatra.decision.FusionPolicy fitted, int horizon, Consumer<String> log) {
        if (!(fitted instanceof io.tatra.decision.CostAwareFusion policy))
            throw new TatraException("a PPO sizer reads the cost-aware policy's expected return: use --policy cost-aware");
        PpoStore.Loaded l = PpoStore.load(policyDir);
        try {
            Settings s = check(l.card(), policyDir, model);
            log.accept("PPO sizing policy " + policyDir + " is the ensemble's sizer: its target from a flat book gives the side and size");
            return new Sizer(l, new PpoEntrySizer(l.policy(), policy, s.medianVolatility(), s.fractions(), horizon));
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
    }

    /** A loaded risk policy voting the ensemble's risk; close it after the run. */
    record RiskVoter(PpoStore.Loaded loaded, PpoRiskVote vote) implements AutoCloseable {
        @Override public void close() { loaded.close(); }
    }

    /** Loads a saved PPO risk policy trained on {@code model}'s forecasts as the ensemble's risk view (refused for another task or model). */
    static RiskVoter riskVote(Path dir, Path model, Consumer<String> log) {
        PpoStore.Loaded l = PpoStore.load(dir);
        try {
            PpoCard c = l.card();
            if (c.task() != PpoTask.RISK) throw new TatraException(dir + " is a PPO " + c.task().label() + " policy: the ensemble's risk vote needs a risk policy (tatra ppo --task risk --save DIR)");
            PpoStore.requireCompatible(c, dir, PpoTask.RISK, PpoTaskEnvs.names(PpoTaskEnvs.RISK_STATE), new int[]{5});
            requireSameModel(c, dir, model);
            var env = c.environment();
            PpoRiskVote v = new PpoRiskVote(l.policy(), numbers(env.get("scales"), dir, "scales"), (int) number(env, "winRateBars", dir),
                    PpoTaskService.Side.parse(String.valueOf(env.get("base"))), number(env, "roundTrip", dir), number(env, "medianVolatility", dir));
            log.accept("PPO risk policy " + dir + " votes the ensemble's risk: 1 − its multiplier from a flat book / the largest");
            return new RiskVoter(l, v);
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
    }

    /** A loaded policy managing a live or paper session's positions; close it with the session. */
    record Open(PpoStore.Loaded loaded) implements AutoCloseable {
        @Override public void close() { loaded.close(); }
    }

    /** Loads the policy for {@code model}'s session and makes it manage {@code journaled}'s positions (refused as for a backtest). */
    static Open positions(Path policyDir, Path model, JournaledStrategy journaled, Consumer<String> say) {
        PpoStore.Loaded l = PpoStore.load(policyDir);
        try {
            journaled.withPositions(manager(l, policyDir, model, (h, i) -> null));
            say.accept("tatra: PPO " + l.card().task().label() + " policy " + policyDir + " manages the positions; the holding rules are off");
            return new Open(l);
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
    }

    static Settings check(PpoCard c, Path dir, Path model) {
        PpoStore.requireCompatible(c, dir, PpoTask.SIZING, PpoTaskEnvs.names(PpoTaskEnvs.SIZING_STATE), new int[]{5});
        requireSameModel(c, dir, model);
        var env = c.environment();
        return new Settings(numbers(env.get("fractions"), dir, "fractions"), (int) number(env, "episodeBars", dir), number(env, "roundTrip", dir),
                number(env, "medianVolatility", dir));
    }

    /** Refuses a policy trained on another model's forecasts (its card records the SHA-256 of the model's card). */
    static void requireSameModel(PpoCard c, Path dir, Path model) {
        String sha;
        try {
            sha = ModelStore.sha256(model.resolve("model.json"));
        } catch (java.io.IOException e) {
            throw new TatraException("cannot read " + model.resolve("model.json") + ": " + e.getMessage(), e);
        }
        if (!sha.equals(c.signalModelCardSha256()))
            throw new TatraException(dir + " was trained on the forecasts of " + c.signalModel() + ", not of " + model + " (its model card differs): train it for this model with tatra ppo --task " + c.task().label() + " --save");
    }
}

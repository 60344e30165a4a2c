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
 * A saved PPO sizing policy ({@code tatra ppo --task sizing --save DIR}) put to work: it manages the positions of a
 * backtest of the model it was trained on ({@link PpoSizingStrategy}), seeing the same signals and position state as in
 * its training episodes. Refused, with the reason, for a policy of another task or observation, or one trained on
 * another model's forecasts.
 */
public final class PpoSizing {
    private PpoSizing() {}

    /** What the strategy needs from the policy's card: its targets, episode length and the signal scales it trained with. */
    record Settings(double[] fractions, int episodeBars, double roundTrip, double medianVolatility) {}

    public static BacktestService.Run backtest(Path home, BacktestRequest req, Path policyDir, Consumer<String> log) {
        if (req.model() == null) throw new TatraException("--ppo-policy needs --model: the model whose forecasts the policy was trained on");
        if (req.policy() != DecisionPolicy.Kind.COST_AWARE) throw new TatraException("--ppo-policy reads the cost-aware policy's expected return: use --policy cost-aware");
        try (PpoStore.Loaded l = PpoStore.load(policyDir)) {
            Settings s = check(l.card(), policyDir, req.model());
            log.accept(String.format(java.util.Locale.ROOT, "PPO sizing policy %s (trained on %s .. %s, %d episodes, %,d steps) manages the positions; the holding rules are off",
                    policyDir, l.card().episodesFrom(), l.card().episodesTo(), l.card().distinctEpisodes(), l.card().steps()));
            // one PyTorch thread throughout: the policy's choices must not depend on --threads
            return io.tatra.model.nn.Torch.singleThreaded(() -> BacktestService.run(home, req,
                    PpoSizingStrategy.over(l.policy(), s.fractions(), s.episodeBars(), s.roundTrip(), s.medianVolatility()), "ppo-sizing " + policyDir.getFileName(), log));
        }
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

    /** A loaded policy managing a live or paper session's positions; close it with the session. */
    record Open(PpoStore.Loaded loaded) implements AutoCloseable {
        @Override public void close() { loaded.close(); }
    }

    /** Loads the policy for {@code model}'s session and makes it manage {@code journaled}'s positions (refused as for a backtest). */
    static Open positions(Path policyDir, Path model, JournaledStrategy journaled, Consumer<String> say) {
        PpoStore.Loaded l = PpoStore.load(policyDir);
        try {
            Settings s = check(l.card(), policyDir, model);
            journaled.withPositions(new PpoSizingStrategy(l.policy(), s.fractions(), s.episodeBars(), s.roundTrip(), s.medianVolatility(), (h, i) -> null));
            say.accept("tatra: PPO sizing policy " + policyDir + " manages the positions; the holding rules are off");
            return new Open(l);
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
    }

    static Settings check(PpoCard c, Path dir, Path model) {
        PpoStore.requireCompatible(c, dir, PpoTask.SIZING, PpoTaskEnvs.names(PpoTaskEnvs.SIZING_STATE), new int[]{5});
        String sha;
        try {
            sha = ModelStore.sha256(model.resolve("model.json"));
        } catch (java.io.IOException e) {
            throw new TatraException("cannot read " + model.resolve("model.json") + ": " + e.getMessage(), e);
        }
        if (!sha.equals(c.signalModelCardSha256()))
            throw new TatraException(dir + " was trained on the forecasts of " + c.signalModel() + ", not of " + model + " (its model card differs): train it for this model with tatra ppo --task sizing --save");
        var env = c.environment();
        if (!(env.get("fractions") instanceof List<?> fr) || !(env.get("episodeBars") instanceof Number eb) || !(env.get("roundTrip") instanceof Number rt)
                || !(env.get("medianVolatility") instanceof Number mv))
            throw new TatraException(dir + ": the card lacks the sizing environment's settings (fractions, episodeBars, roundTrip, medianVolatility); train it again");
        double[] fractions = fr.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        return new Settings(fractions, eb.intValue(), rt.doubleValue(), mv.doubleValue());
    }
}

package io.tatra.app;

import io.tatra.AtomicWrite;
import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.dataset.Dataset;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.EdgeModel;
import io.tatra.decision.FusionConfig;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.meta.DataSufficiency;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.model.io.Versions;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.Episodes;
import io.tatra.ppo.PpoCard;
import io.tatra.ppo.PpoConfig;
import io.tatra.ppo.PpoStore;
import io.tatra.ppo.PpoTask;
import io.tatra.ppo.PpoTrainer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Design document 003's PPO tasks against their baselines, for a saved model (issue 16): the agent of the chosen task
 * ({@link PpoTask}) trains on the model's forecasts over a stretch after its training data — from its validation part's
 * start (or {@code --train-from}) up to the test period — then it and the task's baselines run the test period in the
 * same environment, on the backtest's own session (fees, slippage, funding). The cost-aware policy (fitted on the
 * validation part, as everywhere) gives the entries of the exit task, the base target of the risk task and a baseline
 * of the others. The trained policy is saved with its provenance when asked ({@link PpoStore}).
 */
public final class PpoTaskService {
    private PpoTaskService() {}

    /**
     * @param trainFrom start of the stretch PPO trains on (null: the model's validation part's start); it ends at {@code testFrom}
     * @param save      a directory to save the trained policy in, or null
     */
    public record Request(Path home, Path model, List<Symbol> symbols, PpoTask task, Side side, Instant trainFrom, Instant testFrom, Instant testTo, int episodeBars,
                          PpoConfig ppo, CostConfig costs, FusionConfig risk, CostAwareConfig costAware, Path save, boolean replace, Path out) {
        public Request {
            if (home == null || model == null || symbols == null || symbols.isEmpty() || task == null || side == null || testFrom == null || ppo == null || costs == null
                    || risk == null || costAware == null)
                throw new IllegalArgumentException("home, model, symbols, task, test start, PPO settings, costs, risk and cost-aware settings are required");
            if (episodeBars < 2 || episodeBars > 10_000) throw new TatraException("--episode-bars must be 2..10000, got " + episodeBars);
            if (task == PpoTask.PORTFOLIO && symbols.size() < 2) throw new TatraException("the portfolio task needs at least two --symbols");
            if (testTo != null && !testTo.isAfter(testFrom)) throw new TatraException("--to " + testTo + " is not after --from " + testFrom);
        }
    }

    /** The side the exit task's trades are entered on and the risk task's base holds. */
    public enum Side {
        /** The cost-aware policy's decision (flat unless the validated edge pays its costs). */
        COST_AWARE("cost-aware"),
        /** The direction head's side, {@code sign(P(up) − P(down))}, at every bar (no cost gate). */
        DIRECTION("direction");

        private final String label;

        Side(String label) { this.label = label; }

        public String label() { return label; }

        public static Side parse(String s) {
            for (Side x : values()) if (x.label.equalsIgnoreCase(s == null ? "" : s.trim())) return x;
            throw new TatraException("unknown side rule '" + s + "': use cost-aware or direction");
        }
    }

    /** One rule's result on the test period. */
    public record Row(String rule, int episodes, double logReturn, double meanEpisodeLogReturn, double fees, double slippage, double funding, int trades) {
        static Row of(String rule, Episodes.Outcome o) {
            return new Row(rule, o.episodes(), o.logReturn(), o.episodes() == 0 ? 0 : o.logReturn() / o.episodes(), o.fees(), o.slippage(), o.funding(), o.trades());
        }
    }

    public record Result(String task, String model, List<String> symbols, String train, String test, int trainEpisodes, long trainSteps, double trainSeconds,
                         EdgeModel edge, List<Row> rows, List<PpoTrainer.Iteration> curve, String saved) {}

    /** The model's signals over a stretch of bars, per symbol and bar. */
    record Stretch(Dataset dataset, SizingService.Signals signals, Instant from, Instant to) {}

    /** What every task is built from: the fitted policy, the volatility median, the training and test stretches. */
    record Prepared(ModelCard card, CostAwareFusion policy, double medianVolatility, Stretch train, Stretch test, int horizon) {}

    public static Result run(Request r, Consumer<String> log) {
        if (r.save() != null) AtomicWrite.checkTarget(r.save(), true, r.replace() ? AtomicWrite.Existing.REPLACE : AtomicWrite.Existing.REFUSE, "--replace");
        Prepared p = prepare(r, log);
        PpoTaskEnvs.Task t = PpoTaskEnvs.build(r, p);
        String where = "the " + r.task().label() + " task's training stretch " + p.train().from() + " .. " + p.train().to();
        String warning = DataSufficiency.PPO.check(t.trainEpisodes(), where);
        if (warning != null) log.accept("tatra ppo: " + warning);
        log.accept(String.format(java.util.Locale.ROOT, "PPO %s: %d distinct episodes in %s .. %s, %,d steps; observation %d values, action %s", r.task().label(),
                t.trainEpisodes(), p.train().from(), p.train().to(), r.ppo().totalSteps(), t.train().observationSize(), java.util.Arrays.toString(t.train().actionDims())));
        PpoTrainer.Result trained = PpoTrainer.train(t.train(), r.ppo(), it -> {
            if (it.iteration() % 10 == 0 || it.iteration() == 1)
                log.accept(String.format(java.util.Locale.ROOT, "PPO iteration %d: mean episode log return %.5f, entropy %.3f, KL %.4f, clipped %.2f", it.iteration(),
                        it.meanEpisodeReturn(), it.entropy(), it.approxKl(), it.clipFraction()));
        });
        try (ActorCritic pi = trained.policy()) {
            List<Row> rows = new ArrayList<>();
            for (var e : t.baselines().entrySet()) rows.add(Row.of(e.getKey(), t.evaluate().apply(e.getValue())));
            Episodes.MultiRule greedy = Episodes.greedyAll(pi);
            rows.add(Row.of("PPO", io.tatra.model.nn.Torch.singleThreaded(() -> t.evaluate().apply(s -> greedy))));
            String saved = null;
            if (r.save() != null) {
                PpoStore.save(r.save(), pi, card(r, p, t, trained), r.replace() ? AtomicWrite.Existing.REPLACE : AtomicWrite.Existing.REFUSE);
                saved = r.save().toString();
                log.accept("PPO policy saved with its provenance in " + saved);
            }
            Result out = new Result(r.task().label(), r.model().toString(), r.symbols().stream().map(Symbol::value).toList(), p.train().from() + " .. " + p.train().to(),
                    p.test().from() + " .. " + p.test().to(), t.trainEpisodes(), r.ppo().totalSteps(), trained.seconds(), p.policy().edge(), rows, trained.curve(), saved);
            if (r.out() != null) AtomicWrite.text(r.out(), Json.write(out));
            return out;
        }
    }

    static Prepared prepare(Request r, Consumer<String> log) {
        ModelCard card = ModelStore.card(r.model());
        if (card.labels() == null) throw new TatraException(r.model() + " has no label settings in its card");
        if (card.validationFrom() == null) throw new TatraException(r.model() + " has no validation part in its card: the cost-aware policy is fitted there");
        int h = card.labels().horizon();
        DataRequest data = DataRequest.of(r.symbols(), Interval.parse(card.interval())).withHorizon(h).withFeaturesOf(card.featureSchema());
        PolicySpec spec = PolicySpec.costAware(r.risk(), r.costAware(), r.costs(), r.home(), null);
        PolicyFits.ValidationPart v = PolicyFits.validation(r.home(), data, r.model(), card, ds -> PolicyFits.forecasts(r.model(), ds), spec);
        CostAwareFusion policy = (CostAwareFusion) v.fit();
        double median = SizingService.medianVolatility(v.outputs());
        Instant validationFrom = Instant.parse(card.validationFrom()), trainFrom = r.trainFrom() == null ? validationFrom : r.trainFrom();
        if (trainFrom.isBefore(validationFrom))
            throw new TatraException("--train-from " + trainFrom + " is before the model's validation part (" + validationFrom
                    + "): the model has seen those bars, so its forecasts there are in-sample; PPO must train on bars the model has not learned from");
        if (!trainFrom.isBefore(r.testFrom())) throw new TatraException("PPO's training stretch " + trainFrom + " .. " + r.testFrom() + " is empty: --from must come after it");
        log.accept(String.format(java.util.Locale.ROOT, "cost-aware policy fitted on %s .. %s: edge slope %.3f (t %.2f), entry level %.4f%%", v.from(), v.to(),
                policy.edge().slope(), policy.edge().tStat(), 100 * policy.entryLevel()));
        // the training stretch's first window ends at its first bar (the warm-up bars before it feed features only); the test
        // stretch reads from --from as a backtest of it does
        Stretch train = stretch(r, data, policy, median, trainFrom, r.testFrom(), true), test = stretch(r, data, policy, median, r.testFrom(), r.testTo(), false);
        return new Prepared(card, policy, median, train, test, h);
    }

    static Stretch stretch(Request r, DataRequest data, CostAwareFusion policy, double median, Instant from, Instant to, boolean warmUpBefore) {
        Instant load = warmUpBefore ? from.minusMillis((io.tatra.features.Feature.maxWarmup() + DataRequest.WINDOW + 2L) * data.interval().millis()) : from;
        Dataset ds = data.withPeriod(load, to).unsplit(r.home(), line -> {});
        PolicyFits.Forecasted f = PolicyFits.forecasts(r.model(), ds);
        var outs = ModelSignals.validation(f.forecasts(), f.windows(), data.horizon()).outputs();
        SizingService.Signals sig = SizingService.Signals.of(ds, f.windows().list(), outs, policy, median);
        for (int s = 0; s < sig.rows.length; s++) // no decision before the stretch
            for (int i = 0; i < sig.rows[s].length && ds.symbols().get(s).bars().openTimeMillis(i) < from.toEpochMilli(); i++) {
                sig.rows[s][i] = null;
                sig.outs[s][i] = null;
            }
        return new Stretch(ds, sig, from, to == null ? Instant.ofEpochMilli(lastBar(ds)) : to);
    }

    private static long lastBar(Dataset ds) {
        long t = 0;
        for (var s : ds.symbols()) t = Math.max(t, s.bars().openTimeMillis(s.bars().size() - 1));
        return t;
    }

    static PpoCard card(Request r, Prepared p, PpoTaskEnvs.Task t, PpoTrainer.Result trained) {
        String sha;
        try {
            sha = ModelStore.sha256(r.model().resolve("model.json"));
        } catch (java.io.IOException e) {
            throw new TatraException("cannot read " + r.model().resolve("model.json") + ": " + e.getMessage(), e);
        }
        var curve = trained.curve();
        double last = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).meanEpisodeReturn();
        return new PpoCard(PpoStore.FORMAT, r.task(), Instant.now().toString(), Versions.current(), t.observation(), t.actions(), r.ppo(), t.environment(),
                r.model().toAbsolutePath().toString(), sha, r.symbols().stream().map(Symbol::value).toList(), p.train().from().toString(), p.train().to().toString(),
                t.trainEpisodes(), r.ppo().totalSteps(), trained.seconds(), Double.isFinite(last) ? last : 0, null);
    }

    /** Runs a rule (made per symbol) over a task's test stretch and sums what it earned. */
    interface Evaluator extends java.util.function.Function<PpoTaskEnvs.PerSymbol, Episodes.Outcome> {}

    static Map<String, Object> settings(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.metrics.DieboldMariano;
import io.tatra.metrics.Metric;
import io.tatra.metrics.Scorer;
import io.tatra.metrics.Truth;
import io.tatra.model.eval.ModelPredictions;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelRegistry;
import io.tatra.model.io.ModelStore;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;
import io.tatra.model.workflow.Workflows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Design document 003's continual loop as a use case: train a candidate on the stored data up to now, score it and
 * the current model on the most recent bars — unseen by both — and promote the candidate only when a stated test
 * says it is better. Every candidate is kept in the {@link ModelRegistry} with its card and its comparison.
 *
 * <p>The test: the candidate trains on everything before the last {@code testBars} bars (purge and embargo before
 * them, early stopping on its own validation tail); the current model must not have seen those bars either (its
 * card's {@code seenTo} plus the same gap), otherwise the comparison is refused. Both score the same test windows
 * with their own normalization. The decision reads the direction log-loss (what the fusion trades on): the
 * one-sided Diebold–Mariano test of the per-window loss differential, averaged per bar across symbols, Newey–West
 * variance with lag h − 1, Harvey–Leybourne–Newbold correction; promote when the candidate's mean loss is lower
 * with p &lt; alpha. The other heads' metrics are reported beside it, with the class prior as a reference.
 */
public final class RetrainService {
    private RetrainService() {}

    /**
     * @param symbols   null: the current model's
     * @param to        end of the data (null: the newest stored bar)
     * @param testBars  bars at the end of the data kept for the comparison
     * @param alpha     significance of the one-sided test
     * @param epochs    null: the current model's training settings
     * @param promote   false: compare and keep the candidate, never promote
     */
    public record Request(Path home, Path model, List<Symbol> symbols, Instant to, int testBars, double alpha, long seed,
                          Integer epochs, Integer batches, boolean promote) {
        public Request {
            if (home == null || model == null) throw new IllegalArgumentException("home and model are required");
            if (testBars < 50) throw new TatraException("--test-bars must be >= 50 (the test needs bars to judge on), got " + testBars);
            if (!(alpha > 0 && alpha < 0.5)) throw new TatraException("--alpha must be in (0, 0.5), got " + alpha);
            if (epochs != null && epochs < 1) throw new TatraException("--epochs must be >= 1, got " + epochs);
            if (batches != null && batches < 0) throw new TatraException("--batches must be >= 0, got " + batches);
            symbols = symbols == null ? null : List.copyOf(symbols);
        }

        public static Request of(Path home, Path model) { return new Request(home, model, null, null, 500, 0.05, 1, null, null, true); }

        public Request withTestBars(int n) { return new Request(home, model, symbols, to, n, alpha, seed, epochs, batches, promote); }

        public Request withTraining(Integer e, Integer b) { return new Request(home, model, symbols, to, testBars, alpha, seed, e, b, promote); }

        public Request withPromote(boolean p) { return new Request(home, model, symbols, to, testBars, alpha, seed, epochs, batches, p); }

        public Request withTo(Instant t) { return new Request(home, model, symbols, t, testBars, alpha, seed, epochs, batches, promote); }

        public Request withAlpha(double a) { return new Request(home, model, symbols, to, testBars, a, seed, epochs, batches, promote); }

        public Request withSeed(long s) { return new Request(home, model, symbols, to, testBars, alpha, s, epochs, batches, promote); }
    }

    /**
     * A retrain every {@code everyBars} closed bars inside a live or paper session, with the comparison's settings.
     *
     * @param epochs null: the current model's training settings
     */
    public record Schedule(int everyBars, int testBars, double alpha, Integer epochs, Integer batches) {
        public Schedule {
            if (everyBars < 1) throw new TatraException("--retrain-every must be >= 1 bar, got " + everyBars);
            new Request(Path.of("."), Path.of("."), null, null, testBars, alpha, 1, epochs, batches, true); // the same checks as tatra retrain
        }

        /** The retrain request for a session's model and store; symbols: the session's. */
        public Request request(Path home, Path model, List<Symbol> symbols, long seed) {
            return new Request(home, model, symbols, null, testBars, alpha, seed, epochs, batches, true);
        }
    }

    /** What a retrain did: the versions, the test period, each metric for both models, the test and the decision. */
    public record Outcome(String current, String candidate, boolean promoted, String reason, String testFrom, String testTo, int testWindows,
                          Map<String, double[]> metrics, double priorDirectionLogLoss, DieboldMariano test, double alpha, double seconds) {}

    public static Outcome run(Request r, Consumer<String> log) {
        long t0 = System.nanoTime();
        try (ModelRegistry reg = ModelRegistry.open(r.model())) {
            ModelRegistry.State state = reg.state();
            String currentId = state.current();
            Path currentDir = reg.versionDir(currentId);
            ModelCard card = ModelStore.card(currentDir);
            if (card.labels() == null || card.tasks().stream().noneMatch(t -> t.name().equals(Tasks.DIRECTION.name())))
                throw new TatraException("model " + r.model() + " (" + currentId + ") has no direction head; retrain compares direction forecasts");
            Interval interval = Interval.parse(card.interval());
            int horizon = card.labels().horizon();
            List<Symbol> symbols = r.symbols() != null ? r.symbols() : card.symbols().stream().map(Symbol::of).toList();
            Instant from = card.dataFrom() == null ? null : Instant.parse(card.dataFrom());
            DataRequest dr = new DataRequest(symbols, interval, from, r.to(), horizon, 4, null).withFeaturesOf(card.featureSchema());
            Dataset base = dr.unsplit(r.home(), log);
            long bar = interval.millis(), gap = dr.config().split().gap() * bar;
            long last = base.lastSampleTime(), testFrom = last - (long) (r.testBars() - 1) * bar;
            long seenTo = Instant.parse(card.seenTo()).toEpochMilli();
            if (testFrom <= seenTo + gap) {
                long unseen = Math.max(0, (last - seenTo - gap) / bar);
                throw new TatraException("the current model (" + currentId + ") saw data up to " + card.seenTo() + "; after a gap of "
                        + dr.config().split().gap() + " bars only " + unseen + " labelled bars are unseen by it, and the comparison needs "
                        + r.testBars() + " (--test-bars); wait for more bars or lower --test-bars");
            }
            Dataset ds = dr.holdout(base, Instant.ofEpochMilli(testFrom), log);
            List<Task> tasks = card.tasks().stream().map(t -> Tasks.byName(t.name())).toList();
            TrainConfig tc = trainConfig(card, r);
            log.accept("retrain: candidate on " + symbols + " " + interval.code() + " before " + Instant.ofEpochMilli(testFrom) + ", "
                    + tasks.size() + " heads, " + tc.epochs() + " epochs max; test " + r.testBars() + " bars");
            String candidateId = reg.nextId();
            Outcome outcome;
            try (Workflows.Trained cand = Workflows.train(ds, 0, tasks, card.config(), tc, null, log);
                 ModelStore.Loaded cur = ModelStore.load(currentDir, ds.schemaHash())) {
                List<Dataset.Sample> test = ds.samples(0, Fold.Part.TEST);
                Samples testCur = new Samples(ds.symbols(), cur.normalization(), ds.config().window(), test).labelled(Tasks.CORE);
                Samples testCand = new Samples(ds.symbols(), ds.normalizations().get(0), ds.config().window(), test).labelled(Tasks.CORE);
                if (testCur.size() < 2) throw new TatraException("no labelled test windows in the last " + r.testBars() + " bars");
                var retScale = cur.model().tasks().contains(Tasks.RETURN) ? cur.model().scale(Tasks.RETURN.name()).scale() : 1.0;
                Truth truth = Truth.of(ds.symbols(), testCur.list(), retScale);
                Forecasts pCur = ModelPredictions.of(cur.model(), testCur), pCand = ModelPredictions.of(cand.model(), testCand);
                Map<Metric, Double> mCur = Scorer.score(pCur, truth), mCand = Scorer.score(pCand, truth);
                Map<String, double[]> metrics = new LinkedHashMap<>();
                for (Metric m : mCur.keySet()) if (mCand.containsKey(m)) metrics.put(m.name().toLowerCase(java.util.Locale.ROOT), new double[]{mCur.get(m), mCand.get(m)});
                long[] times = new long[testCur.size()];
                for (int i = 0; i < times.length; i++) times[i] = testCur.time(i);
                double[] lCur = logLosses(pCur, truth), lCand = logLosses(pCand, truth);
                DieboldMariano dm = DieboldMariano.test(times, lCand, lCur, horizon);
                double prior = priorLogLoss(ds, truth);
                boolean better = dm.challengerBetter(r.alpha());
                boolean promote = better && r.promote();
                String reason = String.format("direction log-loss %.5f -> %.5f (mean difference %+.5f over %d bars), Diebold-Mariano %.3f, one-sided p = %.4f %s alpha %.3f",
                        mean(lCur), mean(lCand), dm.meanDiff(), dm.bars(), dm.statistic(), dm.pValue(), better ? "<" : ">=", r.alpha())
                        + (better ? (promote ? ": promoted" : ": better, not promoted (--no-promote)") : ": kept " + currentId);
                outcome = new Outcome(currentId, candidateId, promote, reason, Instant.ofEpochMilli(minTime(times)).toString(),
                        Instant.ofEpochMilli(maxTime(times)).toString(), times.length, metrics, prior, dm, r.alpha(), (System.nanoTime() - t0) / 1e9);
                Map<String, Object> comparison = new LinkedHashMap<>();
                comparison.put("against", currentId);
                comparison.put("test_from", outcome.testFrom());
                comparison.put("test_to", outcome.testTo());
                comparison.put("test_windows", outcome.testWindows());
                comparison.put("metrics", metrics);
                comparison.put("prior_direction_log_loss", prior);
                comparison.put("diebold_mariano", dm);
                comparison.put("alpha", r.alpha());
                comparison.put("decision", reason);
                ModelCard candCard = cand.card().withMetrics(Map.of("test_direction_log_loss", mean(lCand)));
                reg.add(new ModelRegistry.Version(candidateId, Instant.now().toString(), promote ? ModelRegistry.Status.PROMOTED
                                : better ? ModelRegistry.Status.CANDIDATE : ModelRegistry.Status.REJECTED, currentId, candCard.seenTo(), "retrain", comparison),
                        dir -> ModelStore.save(dir, cand.model(), candCard, ds.normalizations().get(0)));
            }
            if (outcome.promoted()) reg.makeCurrent(candidateId, "promote", outcome.reason());
            return outcome;
        }
    }

    /** The current model's training settings (from its card), with the request's seed and any epochs/batches it gives. */
    static TrainConfig trainConfig(ModelCard card, Request r) {
        TrainConfig tc;
        try {
            tc = io.tatra.Json.MAPPER.convertValue(card.training().get("config"), TrainConfig.class);
        } catch (IllegalArgumentException e) {
            tc = null;
        }
        if (tc == null) {
            Object b = card.training().get("balance");
            tc = TrainConfig.defaults(b == null ? Balance.PCGRAD : Balance.parse(b.toString()), r.seed());
        }
        tc = tc.withSeed(r.seed());
        if (r.epochs() != null) tc = tc.withEpochs(r.epochs());
        if (r.batches() != null) tc = tc.withBatches(r.batches());
        return tc;
    }

    static double[] logLosses(Forecasts p, Truth t) {
        double[] d = p.array(CoreTasks.DIRECTION), out = new double[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = -Math.log(Math.max(d[i * 3 + t.direction()[i]], 1e-15));
        return out;
    }

    /** The direction log-loss of predicting the training part's class frequencies for every test window. */
    private static double priorLogLoss(Dataset ds, Truth test) {
        double[] count = new double[3];
        for (Dataset.Sample s : ds.samples(0, Fold.Part.TRAIN)) {
            int c = ds.symbols().get(s.symbol()).labels().direction()[s.row()];
            if (c >= 0) count[c]++;
        }
        double n = count[0] + count[1] + count[2], loss = 0;
        for (int y : test.direction()) loss -= Math.log(Math.max((count[y] + 1) / (n + 3), 1e-15));
        return loss / test.size();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static long minTime(long[] t) { long m = Long.MAX_VALUE; for (long x : t) m = Math.min(m, x); return m; }

    private static long maxTime(long[] t) { long m = Long.MIN_VALUE; for (long x : t) m = Math.max(m, x); return m; }

    /** Versions of a model directory (a plain model is one version, not yet a registry). */
    public static List<ModelRegistry.Version> versions(Path model) {
        if (ModelRegistry.isRegistry(model)) return ModelRegistry.read(model).versions();
        ModelCard c = ModelStore.card(model);
        return new ArrayList<>(List.of(new ModelRegistry.Version("v1", c.createdAt(), ModelRegistry.Status.PROMOTED, null, c.seenTo(), "not yet a registry", Map.of())));
    }
}

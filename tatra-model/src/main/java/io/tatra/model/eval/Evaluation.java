package io.tatra.model.eval;

import io.tatra.baseline.Baselines;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.FoldWindows;
import io.tatra.forecast.Contender;
import io.tatra.forecast.Forecasts;
import io.tatra.metrics.Consistency;
import io.tatra.metrics.Metric;
import io.tatra.metrics.Scorer;
import io.tatra.metrics.Truth;
import io.tatra.model.io.ModelStore;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The claim put to the test: on one walk-forward fold's test windows, the contenders it is given side by side —
 * by default the unified multi-task model, four single-task specialists (same encoder architecture), linear probes
 * on a pre-trained and on a random frozen encoder, and the classical baselines. Seeded contenders fit once per
 * seed, deterministic ones once. Everything fits on the fold's training part (early stopping on its validation
 * part); the test part is touched only to score.
 */
public final class Evaluation {
    private Evaluation() {}

    /** The default contenders: {@link ModelContenders#all} then {@link Baselines#contenders}. */
    public static List<Contender> contenders(EvalConfig cfg) {
        List<Contender> out = new ArrayList<>(ModelContenders.all(cfg));
        out.addAll(Baselines.contenders());
        return out;
    }

    public static EvalReport run(Dataset ds, int fold, EvalConfig cfg, Consumer<String> log) {
        return run(ds, fold, cfg, contenders(cfg), log);
    }

    public static EvalReport run(Dataset ds, int fold, EvalConfig cfg, List<Contender> contenders, Consumer<String> log) {
        if (contenders.isEmpty()) throw new IllegalArgumentException("no contenders to evaluate");
        var codes = new HashSet<String>();
        for (Contender c : contenders)
            if (!codes.add(c.code())) throw new IllegalArgumentException("two contenders share the code '" + c.code() + "'");
        Samples train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN)).labelled(Tasks.CORE);
        Samples val = Samples.of(ds, fold, ds.samples(fold, Fold.Part.VALIDATION)).labelled(Tasks.CORE);
        Samples test = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TEST)).labelled(Tasks.CORE);
        if (test.size() == 0) throw new IllegalArgumentException("fold " + ds.folds().get(fold).name() + " has no labelled test windows");
        FoldWindows windows = new FoldWindows(ds, fold, train.list(), val.list(), test.list());
        Truth truth = Truth.of(ds.symbols(), test.list(), returnScale(train));
        EvalReport.Builder b = new EvalReport.Builder();
        contenders.forEach(b::declare);
        describe(b, ds, fold, train, val, test);
        b.data.put("true_regimes", truth.trueRegime() != null);

        List<Contender> fixed = contenders.stream().filter(c -> !c.seeded()).toList();
        if (!fixed.isEmpty()) log.accept("baselines: " + String.join(", ", fixed.stream().map(Contender::label).toList())
                + " (fitted on " + train.size() + " training windows)");
        for (Contender c : fixed) fit(b, c, windows, 0, truth, cfg, log);
        if (contenders.stream().anyMatch(Contender::seeded)) {
            io.tatra.Eta seeds = new io.tatra.Eta(cfg.seeds().size());
            for (long seed : cfg.seeds()) {
                b.seeds.add(seed);
                String tag = "seed " + seed + ": ";
                for (Contender c : contenders) if (c.seeded()) fit(b, c, windows, seed, truth, cfg, line -> log.accept(tag + line));
                var u = b.scores.get(ModelContenders.UNIFIED);
                var s = b.scores.get(ModelContenders.SPECIALISTS);
                if (u != null && s != null) b.deltaM.add(deltaM(last(u), last(s)));
                log.accept("evaluation: " + seeds.tick("seeds"));
            }
        }
        return b.build();
    }

    private static void fit(EvalReport.Builder b, Contender c, FoldWindows w, long seed, Truth truth, EvalConfig cfg, Consumer<String> log) {
        long t0 = System.nanoTime();
        Forecasts p = c.fit(w, seed, log);
        b.seconds(c.code(), (System.nanoTime() - t0) / 1e9);
        if (p.size() != w.test().size())
            throw new IllegalStateException("contender " + c.code() + " gave " + p.size() + " forecasts for " + w.test().size() + " test windows");
        b.score(c.code(), Scorer.score(p, truth));
        if (Consistency.applies(p)) b.contradiction(c.code(), Consistency.contradictionRate(p, cfg.confidence()));
        if (!c.code().equals("prior")) flagCollapse(b, c.label(), "seed " + seed, p); // the prior is a constant by design
    }

    /** Says, in the report's data ("collapsed"), which class heads forecast one distribution for every test window. */
    @SuppressWarnings("unchecked")
    static void flagCollapse(EvalReport.Builder b, String label, String run, Forecasts p) {
        for (var task : p.tasks())
            if (io.tatra.metrics.Collapse.collapsed(p, task))
                ((List<String>) b.data.computeIfAbsent("collapsed", k -> new java.util.ArrayList<String>())).add(String.format(
                        "%s, %s, %s: the same %s distribution for every test window (spread %.5f): the head learnt the class prior only",
                        label, task.name(), run, task.name(), io.tatra.metrics.Collapse.spread(p, task)));
    }

    private static Map<Metric, Double> last(Map<Metric, List<Double>> runs) {
        Map<Metric, Double> out = new java.util.EnumMap<>(Metric.class);
        runs.forEach((m, v) -> out.put(m, v.get(v.size() - 1)));
        return out;
    }

    /** A saved model on any windows (a later period, other symbols), with the model's own normalization. */
    public static EvalReport ofModel(ModelStore.Loaded loaded, Dataset ds, List<Dataset.Sample> samples, double confidence) {
        Samples test = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), samples).labelled(Tasks.CORE);
        if (test.size() == 0) throw new IllegalArgumentException("no labelled windows in the requested period");
        var ret = loaded.model().tasks().stream().anyMatch(t -> t.equals(Tasks.RETURN)) ? loaded.model().scale(Tasks.RETURN.name()) : null;
        EvalReport.Builder b = ofForecasts(loaded.card(), ds, test, ModelPredictions.of(loaded.model(), test), ret != null ? ret.scale() : returnScale(test), confidence);
        ExtraTasks.into(b.data, ExtraTasks.score(loaded.model(), new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), samples)));
        return b.build();
    }

    /**
     * Any saved model's forecasts of labelled windows (e.g. a LightGBM model's), scored like {@link #ofModel}.
     *
     * @param test        windows labelled for the core tasks, in the order of {@code p}
     * @param returnScale the Huber scale of return errors (the model's own, or the windows' IQR / 1.349)
     */
    public static EvalReport ofForecasts(io.tatra.model.io.ModelCard card, Dataset ds, Samples test, Forecasts p, double confidence) {
        return ofForecasts(card, ds, test, p, returnScale(test), confidence).build();
    }

    private static EvalReport.Builder ofForecasts(io.tatra.model.io.ModelCard card, Dataset ds, Samples test, Forecasts p, double returnScale, double confidence) {
        Truth truth = Truth.of(ds.symbols(), test.list(), returnScale);
        EvalReport.Builder b = new EvalReport.Builder();
        b.declare(MODEL, "model", false);
        b.data.put("model_trained_on", card.trainFrom() + " .. " + card.trainTo());
        b.data.put("model_symbols", card.symbols());
        b.data.put("model_kind", card.kind());
        b.data.put("test_windows", test.size());
        b.data.put("test_from", Instant.ofEpochMilli(minTime(test)).toString());
        b.data.put("test_to", Instant.ofEpochMilli(maxTime(test)).toString());
        b.data.put("true_regimes", truth.trueRegime() != null);
        b.score(MODEL, Scorer.score(p, truth));
        if (Consistency.applies(p)) b.contradiction(MODEL, Consistency.contradictionRate(p, confidence));
        flagCollapse(b, "model", "saved", p);
        return b;
    }

    /** The code of a saved model scored on its own. */
    public static final String MODEL = "model";

    /**
     * Δm %: the mean over the four tasks of the relative improvement of the unified model over the specialist
     * on the task's primary metric ({@link Metric#primary}); positive means the unified model is better.
     */
    static double deltaM(Map<Metric, Double> unified, Map<Metric, Double> specialists) {
        double s = 0;
        for (var t : io.tatra.forecast.CoreTasks.ALL) {
            Metric m = Metric.primary(t);
            double u = unified.get(m), sp = specialists.get(m);
            s += (m.higherIsBetter() ? 1 : -1) * (u - sp) / Math.abs(sp);
        }
        return 100 * s / io.tatra.forecast.CoreTasks.ALL.size();
    }

    private static double returnScale(Samples train) {
        return train.fitScale(Tasks.RETURN).scale();
    }

    private static void describe(EvalReport.Builder b, Dataset ds, int fold, Samples train, Samples val, Samples test) {
        Fold f = ds.folds().get(fold);
        b.data.put("symbols", ds.symbols().stream().map(s -> s.bars().symbol().value()).toList());
        b.data.put("interval", ds.interval().code());
        b.data.put("horizon", ds.config().labels().horizon());
        b.data.put("fold", f.name());
        b.data.put("train", f.train().toString());
        b.data.put("validation", f.validation().toString());
        b.data.put("train_windows", train.size());
        b.data.put("validation_windows", val.size());
        b.data.put("test_windows", test.size());
        b.data.put("test_from", Instant.ofEpochMilli(minTime(test)).toString());
        b.data.put("test_to", Instant.ofEpochMilli(maxTime(test)).toString());
        b.data.put("normalization_fitted_on", ds.normalizations().get(fold).fittedOn());
    }

    private static long minTime(Samples s) {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < s.size(); i++) m = Math.min(m, s.time(i));
        return m;
    }

    private static long maxTime(Samples s) {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < s.size(); i++) m = Math.max(m, s.time(i));
        return m;
    }
}

package io.tatra.model.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.baseline.Baselines;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.metrics.Consistency;
import io.tatra.metrics.Contender;
import io.tatra.metrics.Metric;
import io.tatra.metrics.Predictions;
import io.tatra.metrics.Scorer;
import io.tatra.metrics.Truth;
import io.tatra.model.TatraModel;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.io.ModelStore;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.pretrain.Pretrainer;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.HeadTrainer;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The claim put to the test: on one walk-forward fold's test windows, the unified multi-task model against
 * four single-task specialists (same encoder architecture), linear probes on a pre-trained and on a random
 * frozen encoder, and the classical baselines, over several seeds. Everything trains on the fold's training
 * part (early stopping on its validation part); the test part is touched only to score.
 */
public final class Evaluation {
    private Evaluation() {}

    public static EvalReport run(Dataset ds, int fold, EvalConfig cfg, Consumer<String> log) {
        Samples train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN)).labelled(Tasks.CORE);
        Samples val = Samples.of(ds, fold, ds.samples(fold, Fold.Part.VALIDATION)).labelled(Tasks.CORE);
        Samples test = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TEST)).labelled(Tasks.CORE);
        if (test.size() == 0) throw new IllegalArgumentException("fold " + ds.folds().get(fold).name() + " has no labelled test windows");
        Truth truth = Truth.of(ds.symbols(), test.list(), returnScale(train));
        EvalReport.Builder b = new EvalReport.Builder();
        describe(b, ds, fold, train, val, test);
        b.data.put("true_regimes", truth.trueRegime() != null);

        log.accept("baselines: GARCH(1,1), HAR-RV, logistic/ridge, Gaussian HMM, prior, zero/mean (fitted on " + train.size() + " training windows)");
        long t0 = System.nanoTime();
        Map<Contender, Predictions> base = new Baselines(ds.symbols(), ds.config().labels().horizon(), ds.interval().millis())
                .fitAndPredict(train.list(), test.list(), ds.normalizations().get(fold));
        base.forEach((c, p) -> b.score(c, Scorer.score(p, truth)));
        b.seconds("baselines", (System.nanoTime() - t0) / 1e9);

        for (long seed : cfg.seeds()) {
            b.seeds.add(seed);
            String tag = "seed " + seed + ": ";
            TrainConfig tc = cfg.train().withSeed(seed);
            log.accept(tag + "unified model, " + tc.balance().code() + ", tasks " + names(Tasks.CORE));
            Predictions unified;
            try (Workflows.Trained u = Workflows.train(ds, fold, Tasks.CORE, cfg.model(), tc, null, line -> log.accept(tag + "unified " + line))) {
                unified = ModelPredictions.of(u.model(), test);
                b.seconds("unified", u.result().seconds());
            }
            Predictions spec = Predictions.none();
            double specSeconds = 0;
            for (Task t : Tasks.CORE) {
                log.accept(tag + "specialist " + t.name());
                try (Workflows.Trained s = Workflows.train(ds, fold, List.of(t), cfg.model(), tc.withBalance(Balance.EW), null,
                        line -> log.accept(tag + "specialist " + t.name() + " " + line))) {
                    spec = spec.merge(ModelPredictions.of(s.model(), test));
                    specSeconds += s.result().seconds();
                }
            }
            b.seconds("specialists", specSeconds);
            record(b, Contender.UNIFIED, unified, truth, cfg);
            record(b, Contender.SPECIALISTS, spec, truth, cfg);
            b.deltaM.add(deltaM(Scorer.score(unified, truth), Scorer.score(spec, truth)));
            if (cfg.pretrain() != null) {
                PretrainConfig pc = withSeed(cfg.pretrain(), seed);
                try (TatraModel enc = TatraModel.create(cfg.model().linearHeads(), List.of(), seed)) {
                    log.accept(tag + "pre-training the encoder for the linear probe (" + pc.objectives() + ")");
                    long p0 = System.nanoTime();
                    new Pretrainer(enc, pc).train(train, e -> log.accept(tag + "pretrain epoch " + e.epoch() + " " + e.losses()));
                    b.seconds("pretrain", (System.nanoTime() - p0) / 1e9);
                    long q0 = System.nanoTime();
                    record(b, Contender.PROBE_PRETRAINED, probe(enc, train, val, test, seed, cfg.probeEpochs()), truth, cfg);
                    b.seconds("probe", (System.nanoTime() - q0) / 1e9);
                }
                try (TatraModel random = TatraModel.create(cfg.model().linearHeads(), List.of(), seed)) {
                    log.accept(tag + "linear probe on a random (untrained) encoder");
                    record(b, Contender.PROBE_RANDOM, probe(random, train, val, test, seed, cfg.probeEpochs()), truth, cfg);
                }
            }
        }
        return b.build();
    }

    /** A saved model on any windows (a later period, other symbols), with the model's own normalization. */
    public static EvalReport ofModel(ModelStore.Loaded loaded, Dataset ds, List<Dataset.Sample> samples, double confidence) {
        Samples test = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), samples).labelled(Tasks.CORE);
        if (test.size() == 0) throw new IllegalArgumentException("no labelled windows in the requested period");
        var ret = loaded.model().tasks().stream().anyMatch(t -> t.equals(Tasks.RETURN)) ? loaded.model().scale(Tasks.RETURN.name()) : null;
        Truth truth = Truth.of(ds.symbols(), test.list(), ret != null ? ret.scale() : returnScale(test));
        EvalReport.Builder b = new EvalReport.Builder();
        b.data.put("model_trained_on", loaded.card().trainFrom() + " .. " + loaded.card().trainTo());
        b.data.put("model_symbols", loaded.card().symbols());
        b.data.put("test_windows", test.size());
        b.data.put("test_from", Instant.ofEpochMilli(minTime(test)).toString());
        b.data.put("test_to", Instant.ofEpochMilli(maxTime(test)).toString());
        b.data.put("true_regimes", truth.trueRegime() != null);
        Predictions p = ModelPredictions.of(loaded.model(), test);
        b.score(Contender.MODEL, Scorer.score(p, truth));
        if (p.direction() != null && p.regime() != null && p.ret() != null)
            b.contradiction.computeIfAbsent(Contender.MODEL, k -> new java.util.ArrayList<>()).add(Consistency.contradictionRate(p, confidence));
        return b.build();
    }

    /**
     * Δm %: the mean over the four tasks of the relative improvement of the unified model over the specialist
     * on the task's primary metric ({@link Metric#primary}); positive means the unified model is better.
     */
    static double deltaM(Map<Metric, Double> unified, Map<Metric, Double> specialists) {
        double s = 0;
        for (Metric.EvalTask t : Metric.EvalTask.values()) {
            Metric m = Metric.primary(t);
            double u = unified.get(m), sp = specialists.get(m);
            s += (m.higherIsBetter() ? 1 : -1) * (u - sp) / Math.abs(sp);
        }
        return 100 * s / Metric.EvalTask.values().length;
    }

    private static void record(EvalReport.Builder b, Contender c, Predictions p, Truth truth, EvalConfig cfg) {
        b.score(c, Scorer.score(p, truth));
        b.contradiction.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(Consistency.contradictionRate(p, cfg.confidence()));
    }

    /** The linear probes train on at most this many training windows (a seeded random subset): encoding is the cost. */
    public static final int PROBE_MAX_TRAIN = 20_000;

    /** Linear heads for the four core tasks on a frozen encoder: one encoding pass, then each head on the cached representations. */
    static Predictions probe(TatraModel enc, Samples allTrain, Samples val, Samples test, long seed, int epochs) {
        enc.freezeEncoder(true);
        Samples train = allTrain;
        if (allTrain.size() > PROBE_MAX_TRAIN)
            train = allTrain.subset(Arrays.copyOf(io.tatra.model.train.Shuffle.permutation(allTrain.size(), new java.util.Random(seed)), PROBE_MAX_TRAIN));
        float[] tr = Inference.representations(enc, train, 256), va = Inference.representations(enc, val, 256), te = Inference.representations(enc, test, 256);
        TrainConfig tc = new TrainConfig(Balance.EW, epochs, 256, 3e-3, 1e-4, 4, 0, 1.0, seed);
        Predictions p = Predictions.none();
        int k = 0;
        for (Task t : Tasks.CORE) {
            float[] y = train.targets(t, train.all());
            enc.addHead(t, train.fitScale(t), seed + 100 + k++);
            HeadTrainer.train(enc, t, tr, y, va, val.targets(t, val.all()), tc, null);
            p = ModelPredictions.with(p, t, headOutputs(enc, t, te), enc.scale(t.name()));
        }
        return p;
    }

    private static float[] headOutputs(TatraModel m, Task t, float[] rep) {
        int e = m.config().encoder().embedding(), n = rep.length / e, o = t.outputs();
        float[] out = new float[n * o];
        for (int from = 0; from < n; from += 1024) {
            int len = Math.min(1024, n - from);
            try (NDManager sub = m.manager().newSubManager()) {
                float[] v = m.head(t.name(), sub.create(Arrays.copyOfRange(rep, from * e, (from + len) * e), new Shape(len, e)), false).toFloatArray();
                System.arraycopy(v, 0, out, from * o, v.length);
            }
        }
        return out;
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

    private static PretrainConfig withSeed(PretrainConfig c, long seed) {
        return new PretrainConfig(c.objectives(), c.epochs(), c.batchSize(), c.learningRate(), c.maxBatchesPerEpoch(), c.maskRate(), c.temperature(), c.orderGap(), seed);
    }

    private static String names(List<Task> tasks) { return String.join(",", tasks.stream().map(Task::name).toList()); }

}

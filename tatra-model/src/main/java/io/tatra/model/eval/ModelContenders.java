package io.tatra.model.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.dataset.FoldWindows;
import io.tatra.forecast.Contender;
import io.tatra.forecast.Forecasts;
import io.tatra.model.TatraModel;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.pretrain.Pretrainer;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.HeadTrainer;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;
import io.tatra.model.train.Shuffle;
import io.tatra.model.train.TrainConfig;
import io.tatra.model.workflow.Workflows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The deep contenders of {@code tatra evaluate}: the unified multi-task model, four single-task specialists on the same
 * encoder architecture, the same multi-task model on an LSTM encoder, and linear probes on a pre-trained and on a random frozen encoder. Each trains on
 * the fold's training part with early stopping on its validation part, one fit per seed. The unified and the LSTM model
 * also forecast the win label, from a head trained afterwards on their frozen encoder ({@link #winHead}).
 */
public final class ModelContenders {
    public static final String UNIFIED = "unified", SPECIALISTS = "specialists", LSTM = "lstm", PROBE_PRETRAINED = "probe_pretrained", PROBE_RANDOM = "probe_random";
    /** The linear probes train on at most this many training windows (a seeded random subset): encoding is the cost. */
    public static final int PROBE_MAX_TRAIN = 20_000;

    private ModelContenders() {}

    /** Unified and specialists, then both probes when {@code cfg.pretrain()} is set. */
    public static List<Contender> all(EvalConfig cfg) {
        List<Contender> out = new ArrayList<>(List.of(unified(cfg), specialists(cfg), lstm(cfg)));
        if (cfg.pretrain() != null) out.addAll(List.of(probe(cfg, true), probe(cfg, false)));
        return out;
    }

    public static Contender unified(EvalConfig cfg) {
        return seeded(UNIFIED, "unified (multi-task)", (d, seed, log) -> {
            TrainConfig tc = cfg.train().withSeed(seed);
            log.accept("unified model, " + tc.balance().code() + ", tasks " + String.join(",", Tasks.CORE.stream().map(Task::name).toList()));
            try (Workflows.Trained u = Workflows.train(d.dataset(), d.fold(), Tasks.CORE, cfg.model(), tc, null, line -> log.accept("unified " + line))) {
                winHead(u.model(), d, seed, cfg.probeEpochs(), line -> log.accept("unified " + line));
                return ModelPredictions.of(u.model(), test(d));
            }
        });
    }

    /** The unified model's heads and training on an LSTM encoder (design document 003's sequence model) of the same width. */
    public static Contender lstm(EvalConfig cfg) {
        return seeded(LSTM, "LSTM encoder (multi-task)", (d, seed, log) -> {
            TrainConfig tc = cfg.train().withSeed(seed);
            var mc = new io.tatra.model.nn.ModelConfig(cfg.model().encoder().withKind(io.tatra.model.nn.EncoderKind.LSTM), cfg.model().headHidden());
            log.accept("LSTM encoder, " + tc.balance().code() + ", " + mc.encoder().attentionLayers() + " layer(s) of " + mc.encoder().modelDim() + " units");
            try (Workflows.Trained u = Workflows.train(d.dataset(), d.fold(), Tasks.CORE, mc, tc, null, line -> log.accept("lstm " + line))) {
                winHead(u.model(), d, seed, cfg.probeEpochs(), line -> log.accept("lstm " + line));
                return ModelPredictions.of(u.model(), test(d));
            }
        });
    }

    public static Contender specialists(EvalConfig cfg) {
        return seeded(SPECIALISTS, "specialists (1 task each)", (d, seed, log) -> {
            TrainConfig tc = cfg.train().withSeed(seed).withBalance(Balance.EW);
            Forecasts all = Forecasts.none(d.test().size());
            for (Task t : Tasks.CORE) {
                log.accept("specialist " + t.name());
                try (Workflows.Trained s = Workflows.train(d.dataset(), d.fold(), List.of(t), cfg.model(), tc, null, line -> log.accept("specialist " + t.name() + " " + line))) {
                    all = all.merge(ModelPredictions.of(s.model(), test(d)));
                }
            }
            return all;
        });
    }

    /** A linear probe per core task on a frozen encoder, pre-trained on the training windows (no labels) or left random. */
    public static Contender probe(EvalConfig cfg, boolean pretrained) {
        return seeded(pretrained ? PROBE_PRETRAINED : PROBE_RANDOM, pretrained ? "linear probe, pre-trained enc." : "linear probe, random enc.", (d, seed, log) -> {
            Samples train = Samples.of(d.dataset(), d.fold(), d.train()), val = Samples.of(d.dataset(), d.fold(), d.validation());
            try (TatraModel enc = TatraModel.create(cfg.model().linearHeads(), List.of(), seed)) {
                if (pretrained) {
                    PretrainConfig pc = cfg.pretrain().withSeed(seed);
                    log.accept("pre-training the encoder for the linear probe (" + pc.objectives() + ")");
                    new Pretrainer(enc, pc).train(train, e -> log.accept("pretrain epoch " + e.epoch() + " " + e.losses()));
                } else log.accept("linear probe on a random (untrained) encoder");
                return probe(enc, train, val, test(d), seed, cfg.probeEpochs());
            }
        });
    }

    /** Linear heads for the four core tasks on a frozen encoder: one encoding pass, then each head on the cached representations. */
    static Forecasts probe(TatraModel enc, Samples allTrain, Samples val, Samples test, long seed, int epochs) {
        enc.freezeEncoder(true);
        Samples train = allTrain;
        if (allTrain.size() > PROBE_MAX_TRAIN)
            train = allTrain.subset(Arrays.copyOf(Shuffle.permutation(allTrain.size(), new Random(seed)), PROBE_MAX_TRAIN));
        float[] tr = Inference.representations(enc, train, 256), va = Inference.representations(enc, val, 256), te = Inference.representations(enc, test, 256);
        TrainConfig tc = new TrainConfig(Balance.EW, epochs, 256, 3e-3, 1e-4, 4, 0, 1.0, seed);
        Forecasts p = Forecasts.none(test.size());
        int k = 0;
        for (Task t : Tasks.CORE) {
            float[] y = train.targets(t, train.all());
            enc.addHead(t, train.fitScale(t), seed + 100 + k++);
            HeadTrainer.train(enc, t, tr, y, va, val.targets(t, val.all()), tc, null);
            p = ModelPredictions.with(p, t, headOutputs(enc, t, te), enc.scale(t.name()), null);
        }
        return p;
    }

    /**
     * The win label's head on the trained model's frozen encoder (the platform's "new heads on the frozen encoder"):
     * trained on at most {@link #PROBE_MAX_TRAIN} training windows, early-stopped on the validation windows; the core
     * heads are untouched.
     */
    static void winHead(TatraModel model, FoldWindows d, long seed, int epochs, Consumer<String> log) {
        Samples train = Samples.of(d.dataset(), d.fold(), d.train()), val = Samples.of(d.dataset(), d.fold(), d.validation());
        if (train.size() > PROBE_MAX_TRAIN) train = train.subset(Arrays.copyOf(Shuffle.permutation(train.size(), new Random(seed + 7)), PROBE_MAX_TRAIN));
        model.addHead(Tasks.WIN, train.fitScale(Tasks.WIN), seed + 200);
        TrainConfig tc = new TrainConfig(Balance.EW, epochs, 256, 3e-3, 1e-4, 4, 0, 1.0, seed);
        HeadTrainer.Result r = HeadTrainer.train(model, Tasks.WIN, train, val, tc, null);
        log.accept(String.format(java.util.Locale.ROOT, "win head on the frozen encoder: best epoch %d, validation loss %.5f, %.1f s", r.bestEpoch(),
                r.bestValidationLoss(), r.seconds()));
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

    private static Samples test(FoldWindows d) { return Samples.of(d.dataset(), d.fold(), d.test()); }

    private interface Fit {
        Forecasts fit(FoldWindows d, long seed, Consumer<String> log);
    }

    private static Contender seeded(String code, String label, Fit fit) {
        return new Contender() {
            @Override public String code() { return code; }
            @Override public String label() { return label; }
            @Override public boolean seeded() { return true; }
            @Override public Forecasts fit(FoldWindows data, long seed, Consumer<String> progress) { return fit.fit(data, seed, progress); }
            @Override public String toString() { return code; }
        };
    }
}

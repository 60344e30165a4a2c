package io.tatra.model.workflow;

import io.tatra.model.TatraModel;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.Span;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.model.io.Versions;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.pretrain.Pretrainer;
import io.tatra.model.task.Task;
import io.tatra.model.train.HeadTrainer;
import io.tatra.model.train.Calibrate;
import io.tatra.model.train.MultiTaskTrainer;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The training workflows behind the CLI: pre-train, train (unified or one specialist), add a head. */
public final class Workflows {
    private Workflows() {}

    /** Pre-trains an encoder on the fold's training windows (no labels) and saves it as an encoder-only model. */
    public static ModelCard pretrain(Dataset ds, int fold, ModelConfig mc, PretrainConfig pc, Path out, Consumer<String> log) {
        Samples train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN));
        try (TatraModel m = TatraModel.create(mc, List.of(), pc.seed())) {
            long t0 = System.nanoTime();
            io.tatra.Eta eta = new io.tatra.Eta(pc.epochs());
            List<Pretrainer.EpochLoss> epochs = new Pretrainer(m, pc).train(train, e -> log.accept("pretrain epoch " + e.epoch() + " " + e.losses() + "  [" + eta.tick("epochs") + "]"));
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("objectives", pc.objectives().stream().map(o -> o.code()).sorted().toList());
            training.put("epochs", epochs.size());
            training.put("seconds", (System.nanoTime() - t0) / 1e9);
            training.put("final_losses", epochs.get(epochs.size() - 1).losses());
            training.put("seed", pc.seed());
            ModelCard card = card("encoder", ds, fold, m, training, Map.of(), null);
            ModelStore.save(out, m, card, ds.normalizations().get(fold));
            return ModelStore.card(out);
        }
    }

    /** A trained model with its card (not yet saved). */
    public record Trained(TatraModel model, ModelCard card, MultiTaskTrainer.Result result) implements AutoCloseable {
        @Override public void close() { model.close(); }
    }

    /**
     * Trains the given tasks together on one encoder (one task = a specialist), from scratch or from a pre-trained
     * encoder, on the fold's training part with early stopping on its validation part. Target scales are fitted
     * on the training labels only.
     */
    public static Trained train(Dataset ds, int fold, List<Task> tasks, ModelConfig mc, TrainConfig tc, Path fromEncoder, Consumer<String> log) {
        Samples train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN)).labelled(tasks);
        Samples val = Samples.of(ds, fold, ds.samples(fold, Fold.Part.VALIDATION)).labelled(tasks);
        if (mc.encoder().kind() == io.tatra.model.nn.EncoderKind.LSTM) { // design document 003's gate, on every fold's training part
            String warning = io.tatra.meta.DataSufficiency.LSTM.check(train.size(), "the training part of " + ds.folds().get(fold).name());
            if (warning != null) log.accept(warning);
        }
        TatraModel m = TatraModel.create(mc, tasks, tc.seed());
        try {
            if (fromEncoder != null) copyEncoder(fromEncoder, ds.schemaHash(), m);
            for (Task t : tasks) m.setScale(t.name(), train.fitScale(t));
            io.tatra.Eta epochs = new io.tatra.Eta(tc.epochs());
            MultiTaskTrainer.Result r = new MultiTaskTrainer(m, tc).withProgress(log)
                    .train(train, val, e -> log.accept(e.line() + "  [" + epochs.tick("epochs max") + "]"));
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("balance", tc.balance().code());
            training.put("config", tc);
            training.put("epochs", r.epochs().size());
            training.put("best_epoch", r.bestEpoch());
            training.put("best_validation_loss", r.bestValidationLoss());
            training.put("seconds", r.seconds());
            training.put("steps", r.steps());
            training.put("train_windows", train.size());
            training.put("validation_windows", val.size());
            training.put("log", r.epochs());
            if (tc.calibrate()) {
                Map<String, Calibrate.Report> cal = Calibrate.heads(m, val);
                cal.forEach((task, c) -> log.accept(String.format(java.util.Locale.ROOT,
                        "calibrated %s on %d validation windows: temperature %.3f, log-loss %.4f → %.4f, ECE %.3f → %.3f",
                        task, c.windows(), c.temperature(), c.logLossBefore(), c.logLossAfter(), c.eceBefore(), c.eceAfter())));
                training.put("calibration", cal);
            }
            return new Trained(m, card(tasks.size() == 1 ? "specialist" : "unified", ds, fold, m, training, Map.of(),
                    fromEncoder == null ? null : fromEncoder.toString()), r);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Adds and trains one head on the loaded model's frozen encoder; inputs use the model's own normalization. */
    public static HeadTrainer.Result addHead(ModelStore.Loaded loaded, Dataset ds, int fold, Task task, TrainConfig tc, Consumer<String> log) {
        Samples train = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), ds.samples(fold, Fold.Part.TRAIN)).labelled(List.of(task));
        Samples val = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), ds.samples(fold, Fold.Part.VALIDATION)).labelled(List.of(task));
        TatraModel m = loaded.model();
        m.addHead(task, train.fitScale(task), tc.seed());
        return HeadTrainer.train(m, task, train, val, tc, e -> log.accept(e.line()));
    }

    /** Loads a saved encoder's weights into a fresh model (same encoder sizes required). */
    static void copyEncoder(Path dir, String schema, TatraModel into) {
        try (ModelStore.Loaded enc = ModelStore.load(dir, schema)) {
            if (!enc.card().config().encoder().equals(into.config().encoder()))
                throw new io.tatra.TatraException("encoder " + dir + " has sizes " + enc.card().config().encoder() + ", the model " + into.config().encoder());
            var src = enc.model().encoderParameters();
            var dst = into.encoderParameters();
            for (int i = 0; i < src.size(); i++) dst.get(i).getArray().set(src.get(i).getArray().toFloatArray());
        }
    }

    static ModelCard card(String kind, Dataset ds, int fold, TatraModel m, Map<String, Object> training, Map<String, Double> metrics, String from) {
        return card(kind, ds, fold, m.config(), training, metrics, from);
    }

    /** The provenance card of a model of any kind trained on this dataset's fold ({@code config}: null for models without an encoder). */
    public static ModelCard card(String kind, Dataset ds, int fold, ModelConfig config, Map<String, Object> training, Map<String, Double> metrics, String from) {
        Normalization n = ds.normalizations().get(fold);
        Fold f = ds.folds().get(fold);
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (var s : ds.symbols()) {
            first = Math.min(first, s.bars().openTimeMillis(0));
            last = Math.max(last, s.bars().openTimeMillis(s.bars().size() - 1));
        }
        List<String> symbols = new ArrayList<>();
        for (var s : ds.symbols()) symbols.add(s.bars().symbol().value());
        return new ModelCard(ModelStore.FORMAT, kind, Instant.now().toString(), Versions.current(), config, List.of(), ds.schemaHash(),
                ds.config().window(), ds.config().labels(), ds.interval().code(), symbols, Instant.ofEpochMilli(first).toString(),
                Instant.ofEpochMilli(last).toString(), spanStart(f.train()), spanEnd(f.train()), spanStart(f.validation()), spanEnd(f.validation()),
                f.name(), n.fittedOn(), training, metrics, from, null);
    }

    private static String spanStart(List<Span> spans) { return spans.isEmpty() ? null : Instant.ofEpochMilli(spans.get(0).from()).toString(); }

    private static String spanEnd(List<Span> spans) { return spans.isEmpty() ? null : Instant.ofEpochMilli(spans.get(spans.size() - 1).to()).toString(); }
}

package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.model.pretrain.Objective;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.HeadTrainer;
import io.tatra.model.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** pretrain, train and add-head. */
final class ModelCommands {
    private ModelCommands() {}

    /** Refuses an existing output directory (unless --force), a file in its place, before any work. */
    static void checkOut(Path out, boolean force) {
        io.tatra.AtomicWrite.checkTarget(out, true, force ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, "--force");
    }

    /** Training progress goes to stderr (stdout carries only the result, JSON with --json). */
    static final Consumer<String> LOG = line -> System.err.println(line); // System.err read at each call (tests swap it)

    @Command(name = "pretrain", mixinStandardHelpOptions = true, description = "Pre-train the universal encoder without labels (masked steps, contrastive, temporal order) and save it.")
    static final class Pretrain implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Mixin ModelDataOptions data;

        @Option(names = "--objectives", defaultValue = "masked,contrastive,order", description = "Any of masked, contrastive, order (default all three)")
        String objectives;

        @Option(names = "--epochs", defaultValue = "5") int epochs;
        @Option(names = "--batches", defaultValue = "300", description = "Batches per epoch (0 = all windows; default 300)") int batches;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

        @Override
        public Integer call() {
            checkOut(out, force);
            data.check();
            data.configureTorch();
            Dataset ds = data.dataset(common.home(), common.json);
            PretrainConfig d = PretrainConfig.defaults(data.seed);
            PretrainConfig pc = UserValues.of("--objectives / --epochs / --batches", () -> new PretrainConfig(Objective.parse(objectives), epochs, d.batchSize(),
                    d.learningRate(), batches, d.maskRate(), d.temperature(), d.orderGap(), data.seed));
            ModelCard card = Workflows.pretrain(ds, data.fold(ds), data.model(), pc, out, LOG);
            if (common.json) System.out.println(Json.write(Map.of("dir", out.toString(), "card", card)));
            else System.out.printf("encoder saved to %s (%s, trained on %s .. %s)%n", out, card.training().get("objectives"), card.trainFrom(), card.trainTo());
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {"Train all task heads together on one encoder, with a loss-balancing scheme; save the model.",
            "By default the model is for use after --to: it trains on the whole period except its last 15 %% (kept, after a purge + embargo gap, "
                    + "for early stopping). With --fold N it trains on walk-forward fold N's training part instead (for research; its test part stays unseen).",
            "The card (model.json) records the training and validation ranges and the split."})
    static final class Train implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Mixin ModelDataOptions data;

        @Option(names = "--kind", defaultValue = "unified", description = "unified (the encoder with heads; default) or lightgbm (one booster per core task on window summaries)") String kind;
        @Option(names = "--balance", defaultValue = "pcgrad", description = "ew, uw, dwa, gradnorm or pcgrad (default pcgrad)") String balance;
        @Option(names = "--tasks", defaultValue = "direction,volatility,regime,return", split = ",", description = "Tasks to train together (one = a specialist)") List<String> tasks;
        @Option(names = "--from-encoder", paramLabel = "DIR", description = "Start from a pre-trained encoder (tatra pretrain)") Path fromEncoder;
        @Option(names = "--epochs", defaultValue = "20") int epochs;
        @Option(names = "--batches", defaultValue = "200", description = "Batches per epoch (0 = all windows; default 200)") int batches;
        @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam's learning rate (default 1e-3)") double learningRate;
        @Option(names = "--patience", defaultValue = "3", description = "Epochs without a better validation loss before training stops (default 3; "
                + "set it to --epochs for a full learning curve)") int patience;
        @Option(names = "--no-calibration", description = "Leave the class heads' softmax as trained (by default each is calibrated on the validation part: "
                + "a temperature and a bias per class)") boolean noCalibration;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

        @Override
        public Integer call() {
            checkOut(out, force);
            data.check();
            if (!kind.equals("unified") && !kind.equals("lightgbm")) throw new TatraException("--kind must be unified or lightgbm, got '" + kind + "'");
            if (kind.equals("lightgbm")) return lightgbm();
            data.configureTorch();
            List<Task> ts = new ArrayList<>();
            for (String t : tasks) ts.add(Tasks.byName(t.trim()));
            TrainConfig tc = UserValues.of("--epochs / --batches / --learning-rate / --patience", () -> TrainConfig.defaults(Balance.parse(balance), data.seed)
                    .withEpochs(epochs).withBatches(batches).withLearningRate(learningRate).withPatience(patience).withCalibration(!noCalibration));
            boolean finalFit = data.fold == null;
            Dataset ds = finalFit ? data.finalFit(common.home(), common.json) : data.dataset(common.home(), common.json);
            int fold = finalFit ? 0 : data.fold(ds);
            try (Workflows.Trained t = Workflows.train(ds, fold, ts, data.model(), tc, fromEncoder, LOG)) {
                ModelStore.save(out, t.model(), t.card(), ds.normalizations().get(fold));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("dir", out.toString());
                summary.put("best_epoch", t.result().bestEpoch());
                summary.put("best_validation_loss", t.result().bestValidationLoss());
                summary.put("seconds", t.result().seconds());
                summary.put("validation_loss", t.result().epochs().get(t.result().bestEpoch() - 1).validationLoss());
                summary.put("split", t.card().split());
                summary.put("train", t.card().trainFrom() + " .. " + t.card().trainTo());
                summary.put("validation", t.card().validationFrom() + " .. " + t.card().validationTo());
                if (common.json) System.out.println(Json.write(summary));
                else System.out.printf("model saved to %s: best epoch %d of %d, validation loss %s, %.1f s%n  split %s: trained on %s, early-stopped on %s%n",
                        out, t.result().bestEpoch(), t.result().epochs().size(), summary.get("validation_loss"), t.result().seconds(),
                        summary.get("split"), summary.get("train"), summary.get("validation"));
            }
            return 0;
        }

        /** {@code --kind lightgbm}: one booster per core task, the same split and card as the unified model. */
        private Integer lightgbm() {
            if (!tasks.equals(List.of("direction", "volatility", "regime", "return")))
                throw new TatraException("--kind lightgbm trains the four core tasks; leave --tasks out");
            if (fromEncoder != null) throw new TatraException("--from-encoder applies to unified models only");
            boolean finalFit = data.fold == null;
            Dataset ds = finalFit ? data.finalFit(common.home(), common.json) : data.dataset(common.home(), common.json);
            int threads = data.threads != null ? data.threads : Runtime.getRuntime().availableProcessors();
            ModelCard card = io.tatra.app.GbmModels.train(ds, finalFit ? 0 : data.fold(ds), io.tatra.gbm.GbmConfig.defaults(data.seed).withThreads(threads), out, LOG);
            if (common.json) System.out.println(Json.write(Map.of("dir", out.toString(), "card", card)));
            else System.out.printf("LightGBM model saved to %s (%s, trained on %s .. %s, early-stopped on %s .. %s)%n", out, card.split(), card.trainFrom(), card.trainTo(),
                    card.validationFrom(), card.validationTo());
            return 0;
        }
    }

    @Command(name = "add-head", mixinStandardHelpOptions = true, description = "Train one new head (e.g. anomaly, win) on a model's frozen encoder.")
    static final class AddHead implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Mixin ModelDataOptions data;

        @Parameters(index = "0", paramLabel = "TASK", description = "anomaly or win (or any registered task the model lacks)") String task;
        @Option(names = "--model", required = true, paramLabel = "DIR") Path model;
        @Option(names = "--epochs", defaultValue = "30") int epochs;
        @Option(names = "--out", paramLabel = "DIR", description = "Where to save (default: update --model in place, atomically)") Path out;
        @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

        @Override
        public Integer call() {
            if (out != null) checkOut(out, force);
            data.check();
            data.configureTorch();
            Task t = Tasks.byName(task);
            Dataset ds = data.dataset(common.home(), common.json);
            try (ModelStore.Loaded loaded = ModelStore.load(model, ds.schemaHash())) {
                if (loaded.model().tasks().stream().anyMatch(x -> x.name().equals(t.name())))
                    throw new TatraException("model " + model + " already has a '" + t.name() + "' head");
                TrainConfig tc = UserValues.of("--epochs", () -> new TrainConfig(Balance.EW, epochs, 256, 3e-3, 1e-4, 4, 0, 1.0, data.seed));
                HeadTrainer.Result r = Workflows.addHead(loaded, ds, data.fold(ds), t, tc, LOG);
                List<ModelCard.TaskCard> cards = new ArrayList<>(loaded.card().tasks());
                cards.add(new ModelCard.TaskCard(t.name(), t.kind().name(), t.classes(), 0, 1, true));
                ModelStore.save(out != null ? out : model, loaded.model(), loaded.card().withTasks(cards), loaded.normalization());
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("task", t.name());
                summary.put("best_epoch", r.bestEpoch());
                summary.put("validation_loss", r.bestValidationLoss());
                summary.put("encode_seconds", r.encodeSeconds());
                summary.put("seconds", r.seconds());
                if (common.json) System.out.println(Json.write(summary));
                else System.out.printf("head '%s' trained on the frozen encoder in %.1f s (%.1f s encoding): validation loss %.4f; saved to %s%n",
                        t.name(), r.seconds(), r.encodeSeconds(), r.bestValidationLoss(), out != null ? out : model);
            }
            return 0;
        }
    }
}

package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.forecast.Contender;
import io.tatra.metrics.Consistency;
import io.tatra.model.eval.EvalConfig;
import io.tatra.model.eval.EvalReport;
import io.tatra.model.eval.Evaluation;
import io.tatra.model.eval.ReportFormat;
import io.tatra.model.io.ModelStore;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Put the unified model to the test on a walk-forward test fold: unified vs four single-task specialists vs linear probes "
                + "(pre-trained and random encoder) vs classical baselines (GARCH, HAR-RV, logistic, HMM, prior, zero/mean), over several seeds.",
                "With --model DIR, scores a saved model on the given symbols and period instead, with the model's own normalization.",
                "Writes evaluation.json and evaluation.md to --out; prints the tables (or the JSON with --json)."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--model", paramLabel = "DIR", description = "Score this saved model on the period (no training)") Path model;
    @Option(names = "--test-from", converter = Times.class, description = "Hold-out test from this time (train and validate before it, with purge and embargo) instead of a walk-forward fold") Instant testFrom;
    @Option(names = "--seeds", defaultValue = "3", description = "Training seeds: --seed, --seed+1, ... (default 3)") int seeds;
    @Option(names = "--balance", defaultValue = "pcgrad", description = "The unified model's loss balancing: ew, uw, dwa, gradnorm or pcgrad (default pcgrad)") String balance;
    @Option(names = "--epochs", defaultValue = "20") int epochs;
    @Option(names = "--batches", defaultValue = "200", description = "Batches per epoch (0 = all windows; default 200)") int batches;
    @Option(names = "--no-calibration", description = "Leave the deep models' class heads uncalibrated (default: calibrated on the validation part)") boolean noCalibration;
    @Option(names = "--pretrain-epochs", defaultValue = "5", description = "Pre-training epochs for the linear probe (0 = no probes; default 5)") int pretrainEpochs;
    @Option(names = "--pretrain-batches", defaultValue = "300") int pretrainBatches;
    @Option(names = "--probe-epochs", defaultValue = "30") int probeEpochs;
    @Option(names = "--confidence", defaultValue = "" + Consistency.DEFAULT_QUANTILE, description = "Contradiction rate: a head's top (1 - q) of |score| counts as confident (default 0.7)") double confidence;
    @Option(names = "--contenders", split = ",", paramLabel = "CODE", description = "Only these contenders, by code (default all: unified, specialists, lstm, probe_pretrained, probe_random, lightgbm, garch, har_rv, linear, hmm, prior, zero, mean, last_sign)") java.util.List<String> only;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write evaluation.json and evaluation.md (default: HOME/evaluations/eval-TIME)") Path out;

    @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

    @Override
    public Integer call() {
        Path dir = out != null ? out : common.home().resolve("evaluations").resolve("eval-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        ModelCommands.checkOut(dir, force);
        data.check();
        data.configureTorch();
        EvalReport report;
        if (model != null) {
            if (testFrom != null) throw new TatraException("--test-from trains a fresh comparison; with --model the whole --from/--to period is scored");
            var card = ModelStore.card(model);
            if (card.labels() != null && card.labels().horizon() != data.horizon)
                throw new TatraException("model " + model + " was trained for horizon " + card.labels().horizon() + " bars; pass --horizon " + card.labels().horizon());
            if (!data.series.interval.code().equals(card.interval()))
                throw new TatraException("model " + model + " was trained on " + card.interval() + " bars, not " + data.series.interval.code());
            Dataset ds = data.unsplit(common.home(), common.json);
            if (io.tatra.app.GbmModels.isLightGbm(model)) { // a LightGBM model: its boosters on the windows' summaries, scored the same way
                try (io.tatra.app.GbmModels.Loaded g = io.tatra.app.GbmModels.load(model, ds.schemaHash())) {
                    var test = new io.tatra.model.train.Samples(ds.symbols(), g.normalization(), ds.config().window(), ds.allSamples())
                            .labelled(io.tatra.model.task.Tasks.CORE);
                    if (test.size() == 0) throw new TatraException("no labelled windows in the requested period");
                    double[] x = new io.tatra.gbm.WindowSummary(ds.symbols(), g.normalization()).rows(test.list());
                    report = Evaluation.ofForecasts(g.card(), ds, test, g.forecaster().forecasts(x, test.size()), confidence);
                }
            } else
                try (ModelStore.Loaded loaded = ModelStore.load(model, ds.schemaHash())) {
                    report = Evaluation.ofModel(loaded, ds, ds.allSamples(), confidence);
                }
        } else {
            TrainConfig tc = UserValues.of("--epochs / --batches", () -> TrainConfig.defaults(Balance.parse(balance), data.seed).withEpochs(epochs).withBatches(batches).withCalibration(!noCalibration));
            PretrainConfig pc = pretrainEpochs == 0 ? null
                    : UserValues.of("--pretrain-epochs / --pretrain-batches", () -> PretrainConfig.defaults(data.seed).withEpochs(pretrainEpochs).withBatches(pretrainBatches));
            EvalConfig cfg = UserValues.of("--seeds / --probe-epochs / --confidence", () -> new EvalConfig(EvalConfig.seeds(data.seed, seeds), data.model(), tc, pc, probeEpochs, confidence));
            java.util.List<Contender> contenders = select(withLightGbm(Evaluation.contenders(cfg)), only);
            Dataset ds = testFrom != null ? data.holdout(common.home(), common.json, testFrom) : data.dataset(common.home(), common.json);
            int fold = testFrom != null ? 0 : data.fold(ds);
            report = Evaluation.run(ds, fold, cfg, contenders, ModelCommands.LOG);
        }
        String json = Json.write(ReportFormat.json(report));
        io.tatra.AtomicWrite.directory(dir, force ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, tmp -> {
            io.tatra.AtomicWrite.text(tmp.resolve("evaluation.json"), json);
            io.tatra.AtomicWrite.text(tmp.resolve("evaluation.md"), ReportFormat.markdown(report));
        });
        if (common.json) System.out.println(json);
        else {
            System.out.print(ReportFormat.text(report));
            System.out.println("wrote " + dir.resolve("evaluation.json") + " and " + dir.resolve("evaluation.md"));
        }
        return 0;
    }

    /** LightGBM after the deep contenders, before the classical baselines; its native threads follow --threads. */
    java.util.List<Contender> withLightGbm(java.util.List<Contender> all) {
        return withLightGbm(all, data.seed, data.threads != null ? data.threads : Runtime.getRuntime().availableProcessors());
    }

    static java.util.List<Contender> withLightGbm(java.util.List<Contender> all, long seed, int threads) {
        return withLightGbm(all, io.tatra.gbm.GbmConfig.defaults(seed).withThreads(threads));
    }

    static java.util.List<Contender> withLightGbm(java.util.List<Contender> all, io.tatra.gbm.GbmConfig gbm) {
        java.util.List<Contender> out = new java.util.ArrayList<>(all);
        int at = 0;
        while (at < out.size() && out.get(at).seeded()) at++;
        out.add(at, new io.tatra.gbm.GbmContender(gbm));
        return out;
    }

    /** The contenders named, in the default order; an unknown or repeated code is a user error that names the known ones. */
    static java.util.List<Contender> select(java.util.List<Contender> all, java.util.List<String> codes) {
        if (codes == null || codes.isEmpty()) return all;
        java.util.List<String> known = all.stream().map(Contender::code).toList();
        for (String c : codes) if (!known.contains(c)) throw new TatraException("--contenders: unknown contender '" + c + "'; known: " + String.join(", ", known));
        if (codes.stream().distinct().count() != codes.size()) throw new TatraException("--contenders: a contender is named twice: " + codes);
        return all.stream().filter(c -> codes.contains(c.code())).toList();
    }
}

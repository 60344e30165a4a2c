package io.tatra.cli;

import io.tatra.app.BacktestRequest;
import io.tatra.app.BacktestService;
import io.tatra.app.DataRequest;
import io.tatra.features.Feature;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.app.DecisionService;
import io.tatra.backtest.BacktestConfig;
import io.tatra.dataset.Dataset;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.risk.RiskLimits;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.eval.EvalConfig;
import io.tatra.model.eval.EvalReport;
import io.tatra.model.eval.Evaluation;
import io.tatra.model.eval.ReportFormat;
import io.tatra.model.io.ModelStore;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model half of {@code tatra demo}, with small sizes so it runs in minutes on 2 cores: pre-train a tiny
 * encoder, train the unified model from it (PCGrad), predict the latest bar, evaluate against specialists,
 * probes and baselines over several seeds (scored against the generator's true regimes too).
 */
record DemoModel(Path home, List<Symbol> symbols, Path regimes, long seed, int seeds, Integer threads, Consumer<String> say) {
    /**
     * Sizes chosen so the whole demo runs in under 3 minutes on 2 cores (2 min 20 s measured; it took 6 min 22 s with
     * 4 symbols, 8 epochs of 40 batches, 2 pre-training epochs, 3 evaluation seeds and 5 walk-forward folds). Cut:
     * one symbol (every data-proportional cost: validation, test inference, probe encoding, baselines), 5 epochs of
     * 30 batches, 1 pre-training epoch, 10 probe epochs, 2 seeds (still a spread), walk-forward steps of 2000 bars
     * (3 folds, still 4,760 bars out of sample). The tiny models are a little less trained, which does not change the
     * story: they are near a coin flip either way, and the baselines stand beside them.
     */
    static final int EPOCHS = 5, BATCHES = 30, PRETRAIN_EPOCHS = 1, PRETRAIN_BATCHES = 40, PROBE_EPOCHS = 10, WF_TRAIN = 4000, WF_STEP = 2000;

    void run() {
        DataRequest request = new DataRequest(symbols, Interval.H1, null, null, 4, 1, regimes);
        ModelConfig tiny = ModelConfig.tiny(DataRequest.WINDOW, Feature.COUNT);
        Runnable trainingThreads = () -> Torch.configure(threads != null ? threads : Runtime.getRuntime().availableProcessors(), seed);
        trainingThreads.run();
        Dataset ds = request.dataset(home, line -> { });
        int fold = 0;
        Path demo = home.resolve("demo"), encoder = demo.resolve("encoder"), model = demo.resolve("model"), eval = demo.resolve("evaluation");
        Consumer<String> progress = ModelCommands.LOG;
        say.accept("4/8 pre-train a tiny encoder without labels (masked steps, contrastive, temporal order) on " + ds.folds().get(fold).train());
        PretrainConfig pc = PretrainConfig.defaults(seed).withEpochs(PRETRAIN_EPOCHS).withBatches(PRETRAIN_BATCHES);
        Workflows.pretrain(ds, fold, tiny, pc, encoder, progress);
        say.accept("    saved " + encoder);
        say.accept("5/8 train the unified model (direction, volatility, regime, return; PCGrad) from the encoder, then predict the latest bar");
        TrainConfig tc = TrainConfig.defaults(Balance.PCGRAD, seed).withEpochs(EPOCHS).withBatches(BATCHES);
        try (Workflows.Trained t = Workflows.train(ds, fold, Tasks.CORE, tiny, tc, encoder, progress)) {
            ModelStore.save(model, t.model(), t.card(), ds.normalizations().get(fold));
            say.accept(String.format("    saved %s (best epoch %d, %.1f s)", model, t.result().bestEpoch(), t.result().seconds()));
        }
        Torch.configure(1, 0); // serving settings, as `tatra predict` sets them; the evaluation below keeps them
        try (DecisionService svc = new DecisionService(home, model, new RuleBasedFusion(FusionConfig.defaults()))) {
            DecisionService.Latest latest = svc.latest(symbols.get(0), null);
            say.accept(PredictCommand.text(latest).stripTrailing());
        }
        say.accept("6/8 evaluate on the test fold: unified vs specialists vs linear probes vs LightGBM vs GARCH/HAR/logistic/HMM, " + seeds + " seeds "
                + "(tatra evaluate adds the LSTM encoder)");
        EvalConfig cfg = new EvalConfig(EvalConfig.seeds(seed, seeds), tiny, tc, pc, PROBE_EPOCHS, io.tatra.metrics.Consistency.DEFAULT_QUANTILE);
        EvalReport report = Evaluation.run(ds, fold, cfg, EvaluateCommand.withLightGbm(Evaluation.contenders(cfg).stream().filter(c -> !c.code().equals(io.tatra.model.eval.ModelContenders.LSTM)).toList(),
                io.tatra.gbm.GbmConfig.defaults(seed).withThreads(2).withRounds(1000, 20)), progress);
        io.tatra.AtomicWrite.directory(eval, io.tatra.AtomicWrite.Existing.REPLACE, tmp -> {
            io.tatra.AtomicWrite.text(tmp.resolve("evaluation.json"), Json.write(ReportFormat.json(report)));
            io.tatra.AtomicWrite.text(tmp.resolve("evaluation.md"), ReportFormat.markdown(report));
        });
        say.accept(ReportFormat.text(report).indent(4).stripTrailing());
        say.accept("    wrote " + eval.resolve("evaluation.md") + " and evaluation.json");
        Path run = demo.resolve("backtest");
        say.accept("7/8 walk-forward backtest: a fresh model every " + WF_STEP + " bars on the " + WF_TRAIN + " bars before, trading the next " + WF_STEP
                + " bars net of Bybit fees, slippage and funding, against buy-and-hold; each fold's cost-aware policy is fitted on that fold's validation part");
        RiskLimits limits = RiskLimits.defaults();
        BacktestRequest req = new BacktestRequest(request, null, new BacktestRequest.WalkForwardSpec(WF_TRAIN, WF_STEP, WF_STEP), tiny, tc,
                FusionConfig.defaults().withMaxSize(limits.maxPosition()), BacktestConfig.defaults().withRisk(limits), null, null, run, true) // funding: the stored rates
                .withPolicy(io.tatra.decision.DecisionPolicy.Kind.COST_AWARE, io.tatra.decision.CostAwareConfig.defaults(request.horizon())); // as `tatra backtest` by default
        trainingThreads.run(); // training threads and the seed again, as `tatra backtest` sets them
        BacktestService.Run r = BacktestService.run(home, req, progress);
        say.accept(BacktestCommand.summary(r).stripTrailing());
        say.accept("8/8 report");
        Path page = ReportCommand.write(run, null);
        say.accept(page.toAbsolutePath().toString());
        String testFrom = java.time.Instant.ofEpochMilli(ds.folds().get(fold).test().get(0).from()).toString();
        say.accept("next: open " + run.resolve("report.html") + "; `./tatra decide --model " + model + " --symbol " + symbols.get(0).value()
                + "`; the live path on the model's unseen test period: `./tatra paper --model " + model + " --symbols " + symbols.get(0).value() + " --from " + testFrom
                + "`; with your own candles: `./tatra import FILE.csv` (Binance, Bybit, CryptoDataDownload or any OHLCV CSV), then the same commands");
    }
}

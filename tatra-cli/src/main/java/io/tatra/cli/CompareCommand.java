package io.tatra.cli;

import io.tatra.app.BacktestRequest;
import io.tatra.app.CompareService;
import io.tatra.backtest.BacktestConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.ensemble.EnsembleConfig;
import io.tatra.risk.RiskLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.List;
import io.tatra.app.WalkForwardCompare;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;

@Command(name = "compare", mixinStandardHelpOptions = true, description = {
        "Issue 16's side-by-side table in one run over one period (Bybit costs, stored funding): buy-and-hold; the unified model with the rule-based fusion",
        "and with the cost-aware policy; LightGBM both ways; the unified model filtered by LightGBM; the full ensemble (LSTM timing, LightGBM win, unified vote).",
        "Each row is a backtest run under --out and a trial in the trial log; every row's deflated Sharpe counts all trials logged."})
final class CompareCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--unified", paramLabel = "DIR", description = "A unified model (tatra train)") Path unified;
    @Option(names = "--lightgbm", paramLabel = "DIR", description = "A LightGBM model (tatra train --kind lightgbm)") Path lightgbm;
    @Option(names = "--lstm", paramLabel = "DIR", description = "An LSTM-encoder model (tatra train --encoder lstm): the ensemble's timing member") Path lstm;
    @Option(names = "--ensemble", paramLabel = "FILE.json", description = "Ensemble thresholds (default: design document 003's)") Path ensemble;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directories and compare.json go here") Path out;
    @Option(names = "--episode-bars", defaultValue = "24", description = "The PPO sizer's training episodes, in bars (default 24)") int episodeBars;
    @Option(names = "--ppo-iterations", defaultValue = "100", description = "The PPO sizer's iterations of 512 steps (default 100)") int ppoIterations;
    @Option(names = "--blocks", description = "Walk-forward: cut --from .. --to into N consecutive blocks; before each, train fresh models (--train) on all history "
            + "up to it, trade the block with them; chain every variant's blocks into one account. PyTorch runs single-threaded here, so the table "
            + "does not depend on --threads (LightGBM's threads do not change its result)") Integer blocks;
    @Option(names = "--train", split = ",", defaultValue = "unified,lightgbm,lstm", description = "With --blocks: the model kinds trained per block (default unified,lightgbm,lstm)")
    List<String> train;
    @Option(names = "--epochs", defaultValue = "20", description = "With --blocks: the deep models' epochs at most (default 20)") int epochs;
    @Option(names = "--batches", defaultValue = "200", description = "With --blocks: batches per epoch (default 200)") int batches;
    @Option(names = "--patience", defaultValue = "3", description = "With --blocks: epochs without a better validation loss before stopping (default 3)") int patience;

    @Override
    public Integer call() {
        data.check();
        data.configureTorch();
        RiskLimits limits = RiskLimits.defaults();
        if (blocks != null && (unified != null || lightgbm != null || lstm != null))
            throw new io.tatra.TatraException("--blocks trains its own models per block: leave out --unified, --lightgbm and --lstm");
        if (blocks == null && unified == null && lightgbm == null) throw new io.tatra.TatraException("give --unified DIR and/or --lightgbm DIR, or --blocks N to train per block");
        Path placeholder = unified != null ? unified : lightgbm != null ? lightgbm : out; // each variant sets its own model
        BacktestRequest base = new BacktestRequest(data.request(), placeholder, null, null, null, FusionConfig.defaults().withMaxSize(limits.maxPosition()),
                BacktestConfig.defaults().withRisk(limits), null, null, null, true);
        CompareService.Request req = new CompareService.Request(base, blocks != null ? placeholder : unified, blocks != null ? null : lightgbm, lstm,
                ensemble == null ? null : EnsembleConfig.readFile(ensemble), out,
                UserValues.of("--ppo-iterations", () -> io.tatra.ppo.PpoConfig.defaults(data.seed).withIterations(ppoIterations)), episodeBars);
        java.util.function.Consumer<String> log = line -> { if (!common.json) System.err.println(line); };
        CompareService.Result r = blocks == null ? CompareService.run(common.home(), req, log) : WalkForwardCompare.run(common.home(), walkForward(req), log);
        if (common.json) {
            System.out.println(Json.write(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s %s .. %s; deflated Sharpe against %d trials logged%n", r.symbols(), r.from(), r.to(), r.trials());
        System.out.printf(Locale.ROOT, "%-50s %9s %7s %8s %7s %9s %9s %9s %8s %6s%n", "variant", "return", "Sharpe", "max DD", "trades", "traded×", "fees", "slippage", "cost/gross", "DSR");
        for (CompareService.Row row : r.rows())
            System.out.printf(Locale.ROOT, "%-50s %9s %7s %8s %7d %9s %9.0f %9.0f %8s %6s%n", row.variant(), pct(row.totalReturn()), num(row.sharpe()), share(row.maxDrawdown()), row.trades(),
                    num(row.turnover()), row.fees(), row.slippage(), share(row.costShareOfGross()), num(row.deflatedSharpe()));
        for (String n : r.notes()) System.out.println("note: " + n);
        System.out.println("wrote " + out.resolve("compare.json"));
        return 0;
    }

    private WalkForwardCompare.Request walkForward(CompareService.Request req) {
        if (data.request().from() == null || data.request().to() == null) throw new io.tatra.TatraException("--blocks needs --from and --to: the period the blocks cut");
        java.util.Set<WalkForwardCompare.Kind> kinds = java.util.EnumSet.noneOf(WalkForwardCompare.Kind.class);
        for (String k : train)
            kinds.add(switch (k.trim().toLowerCase(Locale.ROOT)) {
                case "unified" -> WalkForwardCompare.Kind.UNIFIED;
                case "lightgbm" -> WalkForwardCompare.Kind.LIGHTGBM;
                case "lstm" -> WalkForwardCompare.Kind.LSTM;
                default -> throw new io.tatra.TatraException("--train: unknown model kind '" + k + "' (unified, lightgbm, lstm)");
            });
        TrainConfig tc = UserValues.of("--epochs / --batches / --patience", () -> TrainConfig.defaults(Balance.PCGRAD, data.seed).withEpochs(epochs).withBatches(batches)
                .withPatience(patience));
        int threads = data.threads != null ? data.threads : Runtime.getRuntime().availableProcessors();
        return new WalkForwardCompare.Request(req, data.request().from(), data.request().to(), blocks, kinds, data.model(), tc,
                io.tatra.gbm.GbmConfig.defaults(data.seed).withThreads(threads));
    }

    private static String pct(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%+.1f%%", 100 * v); }

    private static String share(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * v); }

    private static String num(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%.2f", v); }
}

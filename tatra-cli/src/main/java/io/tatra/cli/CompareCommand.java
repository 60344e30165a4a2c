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

@Command(name = "compare", mixinStandardHelpOptions = true, description = {
        "Issue 16's side-by-side table in one run over one period (Bybit costs, stored funding): buy-and-hold; the unified model with the rule-based fusion",
        "and with the cost-aware policy; LightGBM both ways; the unified model filtered by LightGBM; the full ensemble (LSTM timing, LightGBM win, unified vote).",
        "Each row is a backtest run under --out and a trial in the trial log; every row's deflated Sharpe counts all trials logged."})
final class CompareCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--unified", required = true, paramLabel = "DIR", description = "A unified model (tatra train)") Path unified;
    @Option(names = "--lightgbm", paramLabel = "DIR", description = "A LightGBM model (tatra train --kind lightgbm)") Path lightgbm;
    @Option(names = "--lstm", paramLabel = "DIR", description = "An LSTM-encoder model (tatra train --encoder lstm): the ensemble's timing member") Path lstm;
    @Option(names = "--ensemble", paramLabel = "FILE.json", description = "Ensemble thresholds (default: design document 003's)") Path ensemble;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directories and compare.json go here") Path out;
    @Option(names = "--episode-bars", defaultValue = "24", description = "The PPO sizer's training episodes, in bars (default 24)") int episodeBars;
    @Option(names = "--ppo-iterations", defaultValue = "100", description = "The PPO sizer's iterations of 512 steps (default 100)") int ppoIterations;

    @Override
    public Integer call() {
        data.check();
        data.configureTorch();
        RiskLimits limits = RiskLimits.defaults();
        BacktestRequest base = new BacktestRequest(data.request(), unified, null, null, null, FusionConfig.defaults().withMaxSize(limits.maxPosition()),
                BacktestConfig.defaults().withRisk(limits), null, null, null, true);
        CompareService.Result r = CompareService.run(common.home(), new CompareService.Request(base, unified, lightgbm, lstm,
                ensemble == null ? null : EnsembleConfig.readFile(ensemble), out,
                UserValues.of("--ppo-iterations", () -> io.tatra.ppo.PpoConfig.defaults(data.seed).withIterations(ppoIterations)), episodeBars),
                line -> { if (!common.json) System.err.println(line); });
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

    private static String pct(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%+.1f%%", 100 * v); }

    private static String share(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * v); }

    private static String num(Double v) { return v == null ? "—" : String.format(Locale.ROOT, "%.2f", v); }
}

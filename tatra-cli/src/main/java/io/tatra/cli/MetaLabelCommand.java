package io.tatra.cli;

import io.tatra.app.MetaLabelService;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.MetaLabelModel;
import io.tatra.market.Interval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "meta-label", mixinStandardHelpOptions = true, description = {
        "Train design document 003's win probability (LightGBM meta-labels) from decision and outcome journals, and measure what it filters.",
        "Each --journals directory holds decisions.jsonl and outcomes.jsonl (a backtest run, a paper or live session). Trades are split in time "
                + "(train, validation, test) with purge and embargo; the acceptance threshold is chosen on validation; the test trades it lets through "
                + "are compared with all of them, net of costs."})
final class MetaLabelCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--journals", required = true, split = ",", paramLabel = "DIR", description = "Journal directories (backtest runs, paper or live sessions)") List<Path> journals;
    @Option(names = "--market-interval", converter = Converters.IntervalConverter.class, paramLabel = "INTERVAL",
            description = "Also read the decision bar's 64 market features from the store, for bars of this interval (e.g. 1h)") Interval market;
    @Option(names = "--validation", defaultValue = "0.2", description = "Share of the trades, by decision time, for early stopping and the threshold (default 0.2)") double validation;
    @Option(names = "--test", defaultValue = "0.25", description = "Share of the latest trades held out for the report (default 0.25)") double test;
    @Option(names = "--embargo-hours", defaultValue = "24", description = "Trades decided this long after a part begins are skipped (default 24)") long embargoHours;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", defaultValue = "1", description = "LightGBM threads (default 1)") int threads;
    @Option(names = "--out", paramLabel = "DIR", description = "Write the model directory here (LightGBM texts and meta.json)") Path out;
    @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

    @Override
    public Integer call() {
        if (embargoHours < 0) throw new io.tatra.TatraException("--embargo-hours must be >= 0, got " + embargoHours);
        GbmConfig gbm = UserValues.of("--seed / --threads", () -> GbmConfig.defaults(seed).withThreads(threads));
        MetaLabelService.Request req = UserValues.of("--validation / --test", () -> {
            if (!(validation > 0 && test > 0 && validation + test < 1)) throw new IllegalArgumentException("--validation and --test must be > 0 and sum to < 1");
            return new MetaLabelService.Request(journals, market, validation, test, Duration.ofHours(embargoHours), gbm, out, force);
        });
        MetaLabelService.Result r = MetaLabelService.run(common.home(), req, line -> { if (!common.json) System.err.println(line); });
        if (common.json) {
            System.out.println(Json.write(java.util.Map.of("report", r.report(), "features", r.join().featureNames(), "out", out == null ? "" : out.toString())));
            return 0;
        }
        MetaLabelModel.Report p = r.report();
        System.out.printf(Locale.ROOT, "win probability (win_30m) on %,d test trades: AUC %.3f, log-loss %.4f (base rate %.4f), Brier %.4f (base rate %.4f); return IC %.3f%n",
                p.test(), p.testAuc(), p.testLogLoss(), p.baseRateLogLoss(), p.testBrier(), p.baseRateBrier(), p.returnIc());
        System.out.printf(Locale.ROOT, "threshold %.3f (chosen on %,d validation trades)%n", p.threshold(), p.validation());
        System.out.printf(Locale.ROOT, "  all test trades:      %,6d, net win rate %.1f %%, mean net P&L %.2f, total %.2f%n",
                p.allTest().count(), 100 * p.allTest().netWinRate(), p.allTest().meanNetPnl(), p.allTest().totalNetPnl());
        System.out.printf(Locale.ROOT, "  let through by LightGBM: %,6d, net win rate %.1f %%, mean net P&L %.2f, total %.2f%n",
                p.acceptedTest().count(), 100 * p.acceptedTest().netWinRate(), p.acceptedTest().meanNetPnl(), p.acceptedTest().totalNetPnl());
        System.out.println("top features by gain: " + String.join(", ", p.gainImportance().keySet().stream().limit(8).toList()));
        if (out != null) System.out.println("wrote " + out);
        return 0;
    }
}

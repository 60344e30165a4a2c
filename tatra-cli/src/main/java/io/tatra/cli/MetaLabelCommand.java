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
                + "are compared with all of them, net of costs.",
        "Without journals, --symbols trains on stored bars: the trades of a momentum rule (side = sign of the last --momentum bars' return, one every "
                + "--every bars), entered at the next open and labelled by the triple barrier (take profit / stop loss at ±k·σ·√h, closed after "
                + "--horizon bars), net of --fee and --slippage on both legs; the features are the decision bar's 64 market features."})
final class MetaLabelCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--journals", split = ",", paramLabel = "DIR", description = "Journal directories (backtest runs, paper or live sessions)") List<Path> journals;
    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", converter = Converters.SymbolConverter.class,
            description = "Train on these symbols' stored bars instead of journals (with --interval)") List<io.tatra.market.Symbol> symbols;
    @Option(names = "--interval", converter = Converters.IntervalConverter.class, description = "Bar interval for --symbols") Interval interval;
    @Mixin PeriodOptions period;
    @Option(names = "--horizon", defaultValue = "24", description = "Bars a --symbols trade is held at most: the vertical barrier (default 24)") int horizon;
    @Option(names = "--momentum", defaultValue = "24", description = "The primary rule's lookback in bars (default 24)") int momentum;
    @Option(names = "--every", description = "One trade every N bars (default: --horizon)") Integer every;
    @Option(names = "--barriers", defaultValue = "1", description = "Take profit and stop loss at ±k·σ·√horizon (default 1)") double barriers;
    @Option(names = "--fee", defaultValue = "0.00055", description = "Taker fee per leg for --symbols trades (default 0.00055, Bybit's)") double fee;
    @Option(names = "--slippage", defaultValue = "2", description = "Slippage per leg in basis points (default 2)") double slippageBps;
    @Option(names = "--market-interval", converter = Converters.IntervalConverter.class, paramLabel = "INTERVAL",
            description = "Also read the decision bar's 64 market features from the store, for bars of this interval (e.g. 1h)") Interval market;
    @Option(names = "--validation", defaultValue = "0.2", description = "Share of the trades, by decision time, for early stopping and the threshold (default 0.2)") double validation;
    @Option(names = "--test", defaultValue = "0.25", description = "Share of the latest trades held out for the report (default 0.25)") double test;
    @Option(names = "--embargo-hours", defaultValue = "24", description = "Trades decided this long after a part begins are skipped (default 24)") long embargoHours;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", defaultValue = "1", description = "LightGBM threads (default 1)") int threads;
    @Option(names = "--out", paramLabel = "DIR", description = "Write the model directory here (LightGBM texts and meta.json)") Path out;
    @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

    private MetaLabelService.Source source() {
        if ((journals == null) == (symbols == null)) throw new io.tatra.TatraException("give either --journals (decision and outcome journals) or --symbols with --interval (stored bars)");
        if (journals != null) {
            if (interval != null || period.from != null || period.to != null || every != null)
                throw new io.tatra.TatraException("--interval, --from, --to and --every go with --symbols; for journals the bars' interval is --market-interval");
            return new MetaLabelService.Journals(journals, market);
        }
        if (interval == null) throw new io.tatra.TatraException("--symbols needs --interval (the stored bars' interval, e.g. 1h)");
        if (market != null) throw new io.tatra.TatraException("--market-interval goes with --journals; with --symbols the bar features are always read");
        if (!(slippageBps >= 0) || !(fee >= 0)) throw new io.tatra.TatraException("--fee and --slippage must be >= 0");
        io.tatra.meta.BarMetaLabels.Config cfg = UserValues.of("--horizon / --momentum / --every / --barriers / --fee", () ->
                io.tatra.meta.BarMetaLabels.Config.defaults(horizon).withMomentumBars(momentum).withEvery(every == null ? horizon : every)
                        .withBarriers(barriers, barriers).withCostPerSide(fee + slippageBps / 10_000));
        return new MetaLabelService.Bars(symbols, interval, period.from(), period.to(), cfg);
    }

    /** Journals' P&L is in the account's currency; the bar source's is a log return per unit of notional, shown in basis points. */
    private static void printTrades(String what, MetaLabelModel.Trades t, MetaLabelModel.Labels labels) {
        if (labels.equals(MetaLabelModel.Labels.JOURNALS))
            System.out.printf(Locale.ROOT, "  %s %,6d, net win rate %.1f %%, mean net P&L %.2f, total %.2f%n", what, t.count(), 100 * t.netWinRate(), t.meanNetPnl(), t.totalNetPnl());
        else
            System.out.printf(Locale.ROOT, "  %s %,6d, net win rate %.1f %%, mean net return %.1f bps a trade, sum %.1f %%%n", what, t.count(), 100 * t.netWinRate(),
                    1e4 * t.meanNetPnl(), 100 * t.totalNetPnl());
    }

    @Override
    public Integer call() {
        if (embargoHours < 0) throw new io.tatra.TatraException("--embargo-hours must be >= 0, got " + embargoHours);
        GbmConfig gbm = UserValues.of("--seed / --threads", () -> GbmConfig.defaults(seed).withThreads(threads));
        MetaLabelService.Source source = source();
        MetaLabelService.Request req = UserValues.of("--validation / --test", () -> {
            if (!(validation > 0 && test > 0 && validation + test < 1)) throw new IllegalArgumentException("--validation and --test must be > 0 and sum to < 1");
            return new MetaLabelService.Request(source, validation, test, Duration.ofHours(embargoHours), gbm, out, force);
        });
        MetaLabelService.Result r = MetaLabelService.run(common.home(), req, line -> { if (!common.json) System.err.println(line); });
        if (common.json) {
            System.out.println(Json.write(java.util.Map.of("report", r.report(), "features", r.join().featureNames(), "out", out == null ? "" : out.toString())));
            return 0;
        }
        MetaLabelModel.Report p = r.report();
        System.out.printf(Locale.ROOT, "win probability (%s) on %,d test trades: AUC %.3f, log-loss %.4f (base rate %.4f), Brier %.4f (base rate %.4f); return IC %.3f%n",
                p.labels().main(), p.test(), p.testAuc(), p.testLogLoss(), p.baseRateLogLoss(), p.testBrier(), p.baseRateBrier(), p.returnIc());
        System.out.printf(Locale.ROOT, "threshold %.3f (chosen on %,d validation trades)%n", p.threshold(), p.validation());
        printTrades("all test trades:        ", p.allTest(), p.labels());
        printTrades("let through by LightGBM:", p.acceptedTest(), p.labels());
        System.out.println("top features by gain: " + String.join(", ", p.gainImportance().keySet().stream().limit(8).toList()));
        if (out != null) System.out.println("wrote " + out);
        return 0;
    }
}

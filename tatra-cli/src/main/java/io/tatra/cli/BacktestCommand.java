package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.BacktestRequest;
import io.tatra.app.BacktestService;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.CostConfig;
import io.tatra.backtest.FillTiming;
import io.tatra.backtest.Performance;
import io.tatra.decision.FusionConfig;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import io.tatra.risk.RiskLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.tatra.backtest.CostBreakdown;
import io.tatra.backtest.DecisionStats;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.SkipReason;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Trade a saved model's fused decisions (or walk-forward re-trained models' decisions) over a period, net of fees, slippage and funding, against buy-and-hold.",
                "Writes result.json, equity.csv, trades.csv, decisions.jsonl and outcomes.jsonl to --out and logs the variant in HOME/backtests/trials.jsonl."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;
    @Mixin PolicyOptions policy;

    @Option(names = "--model", paramLabel = "DIR", description = "Trade this saved model's decisions") Path model;
    @Option(names = "--walk-forward", paramLabel = "TRAIN/TEST/STEP", description = "Instead of --model: re-train a model every STEP bars on the TRAIN bars before a TEST block (e.g. 8760/720/720)") String walkForward;
    @Option(names = "--balance", defaultValue = "pcgrad", description = "Walk-forward training: ew, uw, dwa, gradnorm or pcgrad") String balance;
    @Option(names = "--epochs", defaultValue = "20", description = "Walk-forward training epochs per fold") int epochs;
    @Option(names = "--batches", defaultValue = "200", description = "Walk-forward training batches per epoch (default 200)") int batches;
    @Option(names = "--capital", defaultValue = "10000") double capital;
    @Option(names = "--fee", defaultValue = "0.00055", description = "Taker fee as a fraction of notional (default Bybit linear 0.00055)") double fee;
    @Option(names = "--slippage", defaultValue = "2", description = "Fixed slippage in bps (default 2)") double slippageBps;
    @Option(names = "--slippage-vol", defaultValue = "0", description = "Extra slippage in trailing one-bar sigmas (default 0)") double slippageVol;
    @Option(names = "--fill", defaultValue = "next-open", description = "next-open (default) or signal-close (optimistic, for comparison)") String fill;
    @Option(names = "--risk", defaultValue = "0.01", description = "Capital lost at the stop per trade (default 0.01)") double risk;
    @Option(names = "--max-size", defaultValue = "1", description = "Largest position in one symbol, a multiple of equity (default 1)") double maxSize;
    @Option(names = "--leverage", defaultValue = "1", description = "Largest gross exposure, a multiple of equity (default 1)") double leverage;
    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Default: HOME/backtests/run-TIME") Path out;
    @Option(names = "--force", description = "Replace an existing --out run directory") boolean force;
    @Option(names = "--intrabar", converter = Converters.IntervalConverter.class, paramLabel = "INTERVAL",
            description = "Finer stored bars (e.g. 15m) that decide a stop and take profit hit in the same bar; without them the stop is assumed (the worse case)") io.tatra.market.Interval intrabar;
    @Option(names = "--win-model", paramLabel = "DIR", description = {"Run design document 003's ensemble: --model is the timing member (the LSTM by the document),",
            "this model the win probability (LightGBM, or a tatra meta-label directory: its P(win) of the timing side's trade), --policy the sizer; "
            + "the rules and thresholds come from --ensemble"}) Path winModel;
    @Option(names = "--also-models", split = ",", paramLabel = "DIR", description = "Ensemble: further models that vote (e.g. the unified model)") List<Path> alsoModels;
    @Option(names = "--ensemble", paramLabel = "FILE.json", description = {"Ensemble thresholds (JSON; absent fields keep design document 003's: entry 0.65, win 0.60, full 0.75, half 0.65, risk 0.7, min 0.5;",
            "\"fitQuantiles\": {\"entryConfidence\": 0.8, ...} sets those from the timing model's validation part instead)"}) Path ensembleConfig;
    @Option(names = "--ppo-risk", paramLabel = "DIR", description = "Ensemble: a saved PPO risk policy (tatra ppo --task risk --save) on --model's forecasts; "
            + "its multiplier from a flat book is the sizer's risk view, 1 − multiplier / the largest (the rule: risk above 0.7 reduces or skips)") Path ppoRisk;
    @Option(names = "--funding", paramLabel = "DIR", description = "Perpetual funding rates: DIR/SYMBOL_funding.csv (timestamp,funding_rate) where present; paid every settlement") Path funding;

    @Override
    public Integer call() {
        if ((model == null) == (walkForward == null)) throw new TatraException("give either --model DIR or --walk-forward TRAIN/TEST/STEP");
        data.check();
        FillTiming timing = switch (fill) {
            case "next-open" -> FillTiming.NEXT_OPEN;
            case "signal-close" -> FillTiming.SIGNAL_CLOSE;
            default -> throw new TatraException("--fill must be next-open or signal-close, got '" + fill + "'");
        };
        RiskLimits limits = UserValues.of("--max-size / --leverage", () -> RiskLimits.leverage(Math.min(maxSize, leverage), leverage));
        BacktestConfig cfg = UserValues.of("--capital / --fee / --slippage / --slippage-vol",
                () -> new BacktestConfig(capital, new CostConfig(fee, 0.0002, slippageBps, slippageVol), timing, limits));
        // the fusion sizes within the same per-symbol cap the risk check enforces
        FusionConfig fc = UserValues.of("--risk", () -> FusionConfig.defaults().withRiskPerTrade(risk).withMaxSize(limits.maxPosition()));
        BacktestRequest.WalkForwardSpec wf = walkForward == null ? null : BacktestRequest.WalkForwardSpec.parse(walkForward);
        TrainConfig tc = wf == null ? null : UserValues.of("--epochs / --batches", () -> TrainConfig.defaults(Balance.parse(balance), data.seed).withEpochs(epochs).withBatches(batches));
        DecisionPolicy.Kind kind = policy.kind();
        CostAwareConfig ca = policy.costAware(data.request().horizon());
        BacktestRequest req = new BacktestRequest(data.request(), model, wf, wf == null ? null : data.model(), tc, fc, cfg, intrabar, funding, out, force)
                .withPolicy(kind, ca);
        data.configureTorch();
        if ((alsoModels != null || ensembleConfig != null || ppoRisk != null) && winModel == null)
            throw new TatraException("--also-models, --ensemble and --ppo-risk belong to the ensemble: give --win-model DIR too");
        // with --win-model the PPO policy is the ensemble's sizer member; alone it manages the positions
        BacktestService.Run run = policy.ppoPolicy != null && winModel == null ? io.tatra.app.PpoSizing.backtest(common.home(), req, policy.ppoPolicy, ModelCommands.LOG)
                : winModel == null ? BacktestService.run(common.home(), req, ModelCommands.LOG)
                : io.tatra.app.EnsembleService.run(common.home(), ensembleRequest(req), ModelCommands.LOG);
        if (common.json) System.out.println(Json.write(run.result()));
        else System.out.print(summary(run));
        return 0;
    }

    private io.tatra.app.EnsembleService.Request ensembleRequest(BacktestRequest req) {
        var file = ensembleConfig == null ? new io.tatra.decision.ensemble.EnsembleConfig.File(io.tatra.decision.ensemble.EnsembleConfig.defaults(), null)
                : io.tatra.decision.ensemble.EnsembleConfig.readFile(ensembleConfig);
        return new io.tatra.app.EnsembleService.Request(req, winModel, alsoModels, file.thresholds(), file.fit(), policy.ppoPolicy, ppoRisk);
    }

    /** The run's summary lines, as printed. */
    static String summary(BacktestService.Run run) {
        Performance p = run.strategy(), pb = run.buyAndHold();
        return String.format(Locale.ROOT, "%s %s .. %s, %d trades, net of fees %.2f and funding %.2f%n", run.result().symbols(), run.result().from(),
                run.result().to(), p.trades(), p.feesPaid(), p.fundingPaid())
                + String.format(Locale.ROOT, "strategy:     return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%  deflated Sharpe %.3f (%d trials)%n",
                100 * p.totalReturn(), p.sharpe(), 100 * p.maxDrawdown(), p.deflatedSharpe(), p.trials())
                + String.format(Locale.ROOT, "buy-and-hold: return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%%n", 100 * pb.totalReturn(), pb.sharpe(), 100 * pb.maxDrawdown())
                + costs(run.result().costs()) + decisions(run.result().policy(), run.decisionStats())
                + "wrote " + run.dir() + System.lineSeparator();
    }

    /** Where the gross P&L went. */
    static String costs(CostBreakdown c) {
        if (c == null) return "";
        return String.format(Locale.ROOT, "costs:        gross P&L %.2f, fees %.2f + slippage %.2f + funding %.2f = %.2f (%s), %s per trade, turnover %.1fx capital%n",
                c.grossPnl(), c.fees(), c.slippage(), c.funding(), c.costs(), c.costShareOfGross() == null ? "no positive gross P&L to eat into" : String.format(Locale.ROOT, "%.0f%% of gross", 100 * c.costShareOfGross()),
                c.costPerTrade() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", c.costPerTrade()), c.turnover());
    }

    /** Why the decisions were what they were: counts per skip reason, the edge against the cost. */
    static String decisions(String policy, DecisionStats d) {
        if (d == null) return "";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "decisions:    %s policy, %d decisions: %d long, %d short, %d flat%n", policy, d.decisions(), d.longs(), d.shorts(), d.flats()));
        for (var e : d.skipped().entrySet().stream().sorted(Map.Entry.<SkipReason, Long>comparingByValue().reversed()).toList())
            b.append(String.format(Locale.ROOT, "  flat: %-38s %d%n", e.getKey().text(), e.getValue()));
        for (var e : d.heldBack().entrySet().stream().sorted(Map.Entry.<SkipReason, Long>comparingByValue().reversed()).toList())
            b.append(String.format(Locale.ROOT, "  held back: %-33s %d%n", e.getKey().text(), e.getValue()));
        if (d.edge() != null)
            b.append(String.format(Locale.ROOT, "  |expected return| p50 %.3f%%, p80 %.3f%%, p95 %.3f%%, p99 %.3f%% against a round trip of %.3f%% (median): %.1f%% of decisions pay it%n",
                    100 * d.edge().p50(), 100 * d.edge().p80(), 100 * d.edge().p95(), 100 * d.edge().p99(), 100 * d.cost().p50(), 100 * d.edgeAboveCost()));
        return b.toString();
    }
}

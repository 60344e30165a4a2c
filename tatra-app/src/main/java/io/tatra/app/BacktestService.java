package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.BacktestReport;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.BuyAndHold;
import io.tatra.backtest.Journals;
import io.tatra.backtest.Performance;
import io.tatra.backtest.TrialLog;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.Splitter;
import io.tatra.dataset.SymbolData;
import io.tatra.backtest.CostBreakdown;
import io.tatra.backtest.DecisionStats;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.FusionPolicy;
import io.tatra.trading.HoldingRules;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.metrics.WindowForecast;
import io.tatra.model.eval.ModelPredictions;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelStore;
import io.tatra.model.trade.WalkForward;
import io.tatra.model.train.Samples;
import io.tatra.trading.SignalStrategy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A backtest run as a use case: decisions from a saved model or walk-forward re-trained models, traded net of
 * costs against buy-and-hold, logged in the trial log (deflated Sharpe), written as a run directory
 * ({@code result.json}, {@code equity.csv}, {@code trades.csv}, {@code forecasts.csv}, {@code prices.csv}, journals).
 */
public final class BacktestService {
    private BacktestService() {}

    /** What a run produced. */
    /** @param buyAndHoldCurve buy-and-hold's run over the same bars (from the first decision) */
    public record Run(Path dir, RunResult result, Performance strategy, Performance buyAndHold, BacktestResult trades,
                      String inSampleWarning, List<WalkForward.FoldRun> folds, DecisionStats decisionStats, BacktestResult buyAndHoldCurve) {}

    public static Run run(Path home, BacktestRequest req, Consumer<String> log) {
        Decisions dec = req.model() != null ? fromModel(home, req, log) : walkForward(home, req, log);
        return trade(home, req, dec, variant(req), log, null);
    }

    /** The same run with every decision passed through {@code resize} first (another sizing rule), logged as its own variant ({@code tag}). */
    public static Run run(Path home, BacktestRequest req, java.util.function.UnaryOperator<TradeDecision> resize, String tag, Consumer<String> log) {
        Decisions dec = req.model() != null ? fromModel(home, req, log) : walkForward(home, req, log);
        for (TradeDecision[] slots : dec.decisions.values())
            for (int i = 0; i < slots.length; i++) if (slots[i] != null) slots[i] = resize.apply(slots[i]);
        return trade(home, req, dec, variant(req) + " sizing=" + tag, log, null);
    }

    /** Makes the strategy that trades a run's decisions (per symbol, a slot per bar; their journal ids alike). */
    @FunctionalInterface
    public interface StrategyFactory {
        io.tatra.trading.Strategy create(Map<Symbol, TradeDecision[]> decisions, Map<Symbol, String[]> ids);
    }

    /**
     * The same run traded by another strategy over the model's decisions (one that manages positions itself, such as
     * PPO sizing; the policy's holding rules are then not applied), logged as its own variant ({@code tag}).
     */
    public static Run run(Path home, BacktestRequest req, StrategyFactory strategy, String tag, Consumer<String> log) {
        Decisions dec = req.model() != null ? fromModel(home, req, log) : walkForward(home, req, log);
        return trade(home, req, dec, variant(req) + " strategy=" + tag, log, strategy);
    }

    /**
     * Decisions made elsewhere (an ensemble of models) over a dataset's bars, traded exactly as a model's are: costs,
     * holding rules of the request's policy, journals, trial log (under {@code variant}), run directory.
     *
     * @param decisions per symbol, a slot per bar of {@code ds} (null = none); {@code forecasts} the windows' forecasts for the report
     */
    public static Run trade(Path home, BacktestRequest req, Dataset ds, Map<Symbol, TradeDecision[]> decisions, List<WindowForecast> forecasts, String inSample,
                            String variant, Consumer<String> log) {
        return trade(home, req, new Decisions(ds, decisions, forecasts, List.of(), inSample, null), variant, log, null);
    }

    private static Run trade(Path home, BacktestRequest req, Decisions dec, String variant, Consumer<String> log, StrategyFactory factory) {
        Dataset ds = dec.ds;
        List<MarketFrame> frames = MarketData.withFunding(ds.symbols().stream().map(SymbolData::frame).toList(), req.funding());
        Map<Symbol, BarSeries> bars = new HashMap<>();
        Map<Symbol, String[]> ids = new HashMap<>();
        for (SymbolData s : ds.symbols()) {
            BarSeries b = s.bars();
            bars.put(b.symbol(), b);
            TradeDecision[] d = dec.decisions.getOrDefault(b.symbol(), new TradeDecision[b.size()]);
            String[] id = new String[b.size()];
            for (int i = 0; i < d.length; i++) if (d[i] != null) id[i] = Journals.id(b.symbol(), b.openTimeMillis(i));
            ids.put(b.symbol(), id);
        }
        long start = BuyAndHold.firstDecision(dec.decisions, bars);
        if (start == Long.MAX_VALUE) throw new TatraException("the model made no decision in this period (too few bars for a window)");
        Map<Symbol, BarSeries> finer = new HashMap<>();
        if (req.intrabar() != null)
            for (Symbol sym : req.data().symbols())
                finer.put(sym, MarketData.loadAll(home, List.of(sym), req.intrabar(), req.data().from(), req.data().to()).get(0).bars());
        Backtester bt = new Backtester(req.backtest());
        // metrics start at the first decision: the bars before it only feed the first window or training fold
        HoldingRules rules = factory == null ? req.policySpec(home).holdingRules() : null;
        io.tatra.trading.Strategy strategy = factory == null ? new SignalStrategy(dec.decisions, ids).withHoldingRules(rules) : factory.create(dec.decisions, ids);
        BacktestResult r = bt.run(frames, finer, strategy).from(start);
        DecisionStats stats = DecisionStats.of(dec.decisions.values(), rules == null ? Map.of() : rules.heldBack());
        BacktestResult bh = bt.run(frames, new BuyAndHold(frames.size(), start)).from(start);
        double perYear = 365.25 * 86_400_000.0 / ds.interval().millis();
        TrialLog trials = new TrialLog(home.resolve("backtests").resolve("trials.jsonl"));
        TrialLog.Trial trial = new TrialLog.Trial(Instant.now().toString(), variant, Performance.perBarSharpe(r), r.times().length);
        TrialLog.Read earlier = trials.read();
        for (var problem : earlier.problems()) log.accept("tatra: warning: " + trials.file() + " " + problem + " (skipped; it counts as no trial)");
        List<TrialLog.Trial> all = new java.util.ArrayList<>(earlier.trials());
        all.add(trial);
        Performance p = Performance.of(r, perYear, TrialLog.sharpes(all));
        Performance pb = Performance.of(bh, perYear, List.of());
        Path dir = runDir(home, req);
        RunResult result = RunResult.of(p, pb, dir.toString(), req.model() == null ? null : req.model().toString(),
                req.walkForward() != null ? dec.folds : null, req.data().symbols().stream().map(Symbol::value).toList(),
                Instant.ofEpochMilli(r.times()[0]).toString(), Instant.ofEpochMilli(r.times()[r.times().length - 1]).toString(),
                dec.inSample, req.backtest(), req.fusion())
                .withDecisions(req.policy().code(), dec.fitted == null ? null : dec.fitted.edge(), dec.fitted == null ? null : dec.fitted.entryLevel(), stats, CostBreakdown.of(r));
        // the run directory appears whole or not at all, and only a written run is logged as a trial
        io.tatra.AtomicWrite.directory(dir, req.force() ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, tmp -> {
            BacktestReport.writeCsv(tmp, r, bh);
            BacktestReport.writeForecastsAndPrices(tmp, dec.forecasts, frames.stream().map(MarketFrame::bars).toList());
            Journals.write(tmp, bars, dec.decisions, r.trades());
            io.tatra.AtomicWrite.text(tmp.resolve("result.json"), Json.write(result));
        });
        trials.append(trial);
        return new Run(dir, result, p, pb, r, dec.inSample, dec.folds, stats, bh);
    }

    /** Where the run goes: {@code --out}, or a new timestamped directory under HOME/backtests. */
    public static Path runDir(Path home, BacktestRequest req) {
        return req.out() != null ? req.out()
                : home.resolve("backtests").resolve("run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
    }

    /** @param fitted the cost-aware policy a saved model's decisions came from (null otherwise; walk-forward folds carry their own) */
    private record Decisions(Dataset ds, Map<Symbol, TradeDecision[]> decisions, List<WindowForecast> forecasts, List<WalkForward.FoldRun> folds, String inSample,
                             CostAwareFusion fitted) {}

    private static Decisions fromModel(Path home, BacktestRequest req, Consumer<String> log) {
        var card = ModelStore.card(req.model());
        int h = req.data().horizon();
        if (card.labels() != null && card.labels().horizon() != h)
            throw new TatraException("model " + req.model() + " was trained for horizon " + card.labels().horizon() + " bars; pass --horizon " + card.labels().horizon());
        Dataset ds = req.data().withFeaturesOf(card.featureSchema()).unsplit(home, log); // the features the model was trained on, books or not
        String inSample = inSample(card, ds, req.model(), log);
        FusionPolicy fusion = req.policySpec(home).fit(req.model(), card, log);
        PolicyFits.Forecasted f = PolicyFits.forecasts(req.model(), ds);
        return new Decisions(ds, ModelSignals.decide(f.forecasts(), f.windows(), h, fusion), ModelSignals.forecasts(f.forecasts(), f.windows()), List.of(), inSample,
                fusion instanceof CostAwareFusion c ? c : null);
    }

    /** A warning when the period starts before the end of the data the model saw (null otherwise); logged. */
    static String inSample(io.tatra.model.io.ModelCard card, Dataset ds, Path model, Consumer<String> log) {
        return card.seenTo() == null ? null : inSample(Instant.parse(card.seenTo()), ds, "the data the model " + model,
                "those bars are in-sample; use --from after it for an honest test", log);
    }

    /**
     * The warning (logged, and returned; null when none) for a period that starts at or before {@code seenTo}, the end of
     * what {@code what} (e.g. "the data the model DIR") was trained and early-stopped on; {@code consequence} ends it.
     */
    static String inSample(Instant seenTo, Dataset ds, String what, String consequence, Consumer<String> log) {
        long first = Long.MAX_VALUE;
        for (SymbolData d : ds.symbols()) first = Math.min(first, d.bars().openTimeMillis(0));
        if (first > seenTo.toEpochMilli()) return null;
        String w = "the period starts " + Instant.ofEpochMilli(first) + ", before the end of " + what + " was trained and early-stopped on, " + seenTo + ": " + consequence;
        log.accept("tatra: warning: " + w);
        return w;
    }

    private static Decisions walkForward(Path home, BacktestRequest req, Consumer<String> log) {
        BacktestRequest.WalkForwardSpec wf = req.walkForward();
        Dataset base = req.data().unsplit(home, log);
        Dataset ds = DatasetBuilder.withFolds(base, Splitter.rolling(base.firstSampleTime(), base.lastSampleTime(), base.interval().millis(), wf.train(), wf.test(), wf.step(),
                base.config().split()), log);
        long firstTest = ds.folds().isEmpty() ? Long.MAX_VALUE : ds.folds().get(0).test().get(0).from();
        DecisionPolicy policy = PolicyFits.policy(req, MarketData.withFunding(ds.symbols().stream().map(SymbolData::frame).toList(), req.funding()), firstTest);
        WalkForward.Result wr = WalkForward.run(ds, req.modelConfig(), req.training(), policy, log);
        return new Decisions(ds, wr.decisions(), wr.forecasts(), wr.folds(), null, null);
    }

    /** The trial log's key: every setting that makes this a different strategy variant. */
    static String variant(BacktestRequest r) {
        DataRequest d = r.data();
        var c = r.backtest();
        return String.format(Locale.ROOT, "model=%s walk-forward=%s model-config=%s epochs=%s symbols=%s interval=%s from=%s to=%s fee=%s slippage=%s+%s fill=%s risk=%s max=%s leverage=%s policy=%s",
                r.model() == null ? null : r.model().toAbsolutePath().normalize(), r.walkForward(), r.modelConfig(),
                r.training() == null ? null : r.training().epochs() + "x" + r.training().maxBatchesPerEpoch(), d.symbols(), d.interval().code(), d.from(), d.to(),
                c.costs().takerFee(), c.costs().fixedBps(), c.costs().volMultiple(), c.timing(), r.fusion().riskPerTrade(), c.risk().maxPosition(), c.risk().maxLeverage(),
                r.policy() == DecisionPolicy.Kind.RULE_BASED ? "rule" : "cost-aware " + r.costAware());
    }
}

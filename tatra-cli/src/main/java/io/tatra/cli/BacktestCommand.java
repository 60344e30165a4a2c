package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestReport;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.BuyAndHold;
import io.tatra.backtest.CostConfig;
import io.tatra.backtest.FillTiming;
import io.tatra.backtest.FundingCsv;
import io.tatra.backtest.Journals;
import io.tatra.backtest.Performance;
import io.tatra.trading.SignalStrategy;
import io.tatra.backtest.TrialLog;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.Splitter;
import io.tatra.model.trade.WalkForward;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelStore;
import io.tatra.model.train.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Trade a saved model's fused decisions (or walk-forward re-trained models' decisions) over a period, net of fees, slippage and funding, against buy-and-hold.",
                "Writes result.json, equity.csv, trades.csv, decisions.jsonl and outcomes.jsonl to --out and logs the variant in HOME/backtests/trials.jsonl."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--model", paramLabel = "DIR", description = "Trade this saved model's decisions") Path model;
    @Option(names = "--walk-forward", paramLabel = "TRAIN/TEST/STEP", description = "Instead of --model: re-train a model every STEP bars on the TRAIN bars before a TEST block (e.g. 8760/720/720)") String walkForward;
    @Option(names = "--balance", defaultValue = "pcgrad", description = "Walk-forward training: ew, uw, dwa, gradnorm or pcgrad") String balance;
    @Option(names = "--epochs", defaultValue = "20", description = "Walk-forward training epochs per fold") int epochs;
    @Option(names = "--batches", defaultValue = "400", description = "Walk-forward training batches per epoch") int batches;
    @Option(names = "--capital", defaultValue = "10000") double capital;
    @Option(names = "--fee", defaultValue = "0.00055", description = "Taker fee as a fraction of notional (default Bybit linear 0.00055)") double fee;
    @Option(names = "--slippage", defaultValue = "2", description = "Fixed slippage in bps (default 2)") double slippageBps;
    @Option(names = "--slippage-vol", defaultValue = "0", description = "Extra slippage in trailing one-bar sigmas (default 0)") double slippageVol;
    @Option(names = "--fill", defaultValue = "next-open", description = "next-open (default) or signal-close (optimistic, for comparison)") String fill;
    @Option(names = "--risk", defaultValue = "0.01", description = "Capital lost at the stop per trade (default 0.01)") double risk;
    @Option(names = "--max-size", defaultValue = "1", description = "Largest position in one symbol, a multiple of equity (default 1)") double maxSize;
    @Option(names = "--leverage", defaultValue = "1", description = "Largest gross exposure, a multiple of equity (default 1)") double leverage;
    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Default: HOME/backtests/run-TIME") Path out;
    @Option(names = "--intrabar", converter = Converters.IntervalConverter.class, paramLabel = "INTERVAL",
            description = "Finer stored bars (e.g. 15m) that decide a stop and take profit hit in the same bar; without them the stop is assumed (the worse case)") io.tatra.market.Interval intrabar;
    @Option(names = "--funding", paramLabel = "DIR", description = "Perpetual funding rates: DIR/SYMBOL_funding.csv (timestamp,funding_rate) where present; paid every settlement") Path funding;

    static int[] parseWalkForward(String spec) {
        String[] p = spec.split("/");
        try {
            if (p.length != 3) throw new NumberFormatException();
            return new int[]{Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim())};
        } catch (NumberFormatException e) {
            throw new TatraException("--walk-forward must be TRAIN/TEST/STEP in bars, e.g. 8760/720/720; got '" + spec + "'");
        }
    }

    @Override
    public Integer call() {
        data.configureTorch();
        FillTiming timing = switch (fill) {
            case "next-open" -> FillTiming.NEXT_OPEN;
            case "signal-close" -> FillTiming.SIGNAL_CLOSE;
            default -> throw new TatraException("--fill must be next-open or signal-close, got '" + fill + "'");
        };
        BacktestConfig cfg = new BacktestConfig(capital, new CostConfig(fee, 0.0002, slippageBps, slippageVol), timing, io.tatra.risk.RiskLimits.leverage(Math.min(maxSize, leverage), leverage));
        FusionConfig fd = FusionConfig.defaults();
        FusionConfig fc = new FusionConfig(risk, Math.min(maxSize, leverage), fd.stopSigmas(), fd.takeSigmas(), fd.minConsistency(), fd.minEdge());
        if ((model == null) == (walkForward == null)) throw new TatraException("give either --model DIR or --walk-forward TRAIN/TEST/STEP");
        Dataset ds;
        Map<Symbol, TradeDecision[]> decisions;
        List<WalkForward.FoldRun> folds = List.of();
        List<io.tatra.metrics.WindowForecast> forecasts;
        String inSample = null;
        if (model != null) {
            var card = ModelStore.card(model);
            if (card.labels() != null && card.labels().horizon() != data.horizon)
                throw new TatraException("model " + model + " was trained for horizon " + card.labels().horizon() + " bars; pass --horizon " + card.labels().horizon());
            ds = data.unsplit(common.home(), common.json);
            if (card.trainTo() != null) {
                long trainedTo = Instant.parse(card.trainTo()).toEpochMilli(), first = Long.MAX_VALUE;
                for (SymbolData d : ds.symbols()) first = Math.min(first, d.bars().openTimeMillis(0));
                if (first <= trainedTo) {
                    inSample = "the period starts " + Instant.ofEpochMilli(first) + ", before the end of the model's training data " + card.trainTo()
                            + ": those bars are in-sample; use --from after it for an honest test";
                    System.err.println("tatra: warning: " + inSample);
                }
            }
            try (ModelStore.Loaded loaded = ModelStore.load(model, ds.schemaHash())) {
                Samples windows = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), ds.allSamples());
                var p = io.tatra.model.eval.ModelPredictions.of(loaded.model(), windows);
                decisions = ModelSignals.decide(p, windows, data.horizon, new RuleBasedFusion(fc));
                forecasts = ModelSignals.forecasts(p, windows);
            }
        } else {
            int[] wf = parseWalkForward(walkForward);
            Dataset base = data.unsplit(common.home(), common.json);
            ds = DatasetBuilder.withFolds(base, Splitter.rolling(base.firstSampleTime(), base.lastSampleTime(), base.interval().millis(), wf[0], wf[1], wf[2],
                    base.config().split()), ModelCommands.LOG);
            TrainConfig tc = TrainConfig.defaults(Balance.parse(balance), data.seed).withEpochs(epochs).withBatches(batches);
            WalkForward.Result wr = WalkForward.run(ds, data.model(), tc, new RuleBasedFusion(fc), ModelCommands.LOG);
            decisions = wr.decisions();
            folds = wr.folds();
            forecasts = wr.forecasts();
        }
        List<MarketFrame> frames = new ArrayList<>();
        Map<Symbol, BarSeries> bars = new HashMap<>();
        Map<Symbol, String[]> ids = new HashMap<>();
        for (SymbolData s : ds.symbols()) {
            BarSeries b = s.bars();
            Path fundingFile = funding == null ? null : FundingCsv.file(funding, b.symbol());
            if (fundingFile != null && Files.isRegularFile(fundingFile))
                frames.add(new MarketFrame(b, FundingCsv.read(fundingFile, b.symbol()), s.frame().openInterest(), null));
            else frames.add(s.frame());
            bars.put(b.symbol(), b);
            TradeDecision[] d = decisions.getOrDefault(b.symbol(), new TradeDecision[b.size()]);
            String[] id = new String[b.size()];
            for (int i = 0; i < d.length; i++) if (d[i] != null) id[i] = Journals.id(b.symbol(), b.openTimeMillis(i));
            ids.put(b.symbol(), id);
        }
        Backtester bt = new Backtester(cfg);
        long start = BuyAndHold.firstDecision(decisions, bars);
        if (start == Long.MAX_VALUE) throw new TatraException("the model made no decision in this period (too few bars for a window)");
        // metrics start at the first decision: the bars before it only feed the first window or training fold
        Map<Symbol, BarSeries> finer = new HashMap<>();
        if (intrabar != null) {
            if (intrabar.millis() >= data.interval.millis()) throw new TatraException("--intrabar " + intrabar.code() + " must be finer than --interval " + data.interval.code());
            for (Symbol sym : data.symbols) finer.put(sym, StoreFrames.loadAll(common.home(), List.of(sym), intrabar, data.from, data.to).get(0).bars());
        }
        BacktestResult r = bt.run(frames, finer, new SignalStrategy(decisions, ids)).from(start);
        BacktestResult bh = bt.run(frames, new BuyAndHold(frames.size(), start)).from(start);
        double perYear = 365.25 * 86_400_000.0 / ds.interval().millis();
        TrialLog trials = new TrialLog(common.home().resolve("backtests").resolve("trials.jsonl"));
        String variant = String.format(Locale.ROOT, "model=%s walk-forward=%s size=%s epochs=%s symbols=%s interval=%s from=%s to=%s fee=%s slippage=%s+%s fill=%s risk=%s max=%s leverage=%s",
                model == null ? null : model.toAbsolutePath().normalize(), walkForward, data.size, epochs, data.symbols, data.interval.code(), data.from, data.to, fee, slippageBps, slippageVol, fill, risk, maxSize, leverage);
        trials.append(new TrialLog.Trial(Instant.now().toString(), variant, Performance.perBarSharpe(r), r.times().length));
        Performance p = Performance.of(r, perYear, TrialLog.sharpes(trials.read()));
        Performance pb = Performance.of(bh, perYear, List.of());
        Path dir = out != null ? out : common.home().resolve("backtests").resolve("run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        Map<String, Object> result = new LinkedHashMap<>(BacktestReport.metrics(p, pb));
        result.put("run_dir", dir.toString());
        result.put("model", model == null ? null : model.toString());
        if (walkForward != null) result.put("walk_forward", folds);
        result.put("symbols", data.symbols.stream().map(Symbol::value).toList());
        result.put("from", Instant.ofEpochMilli(r.times()[0]).toString());
        result.put("to", Instant.ofEpochMilli(r.times()[r.times().length - 1]).toString());
        result.put("in_sample_warning", inSample);
        result.put("config", cfg);
        result.put("fusion", fc);
        BacktestReport.writeCsv(dir, r, bh);
        BacktestReport.writeForecastsAndPrices(dir, forecasts, frames.stream().map(MarketFrame::bars).toList());
        Journals.write(dir, bars, decisions, r.trades());
        try {
            Files.writeString(dir.resolve("result.json"), Json.write(result));
        } catch (IOException e) {
            throw new TatraException("cannot write " + dir.resolve("result.json") + ": " + e.getMessage(), e);
        }
        if (common.json) System.out.println(Json.write(result));
        else {
            System.out.printf(Locale.ROOT, "%s %s .. %s, %d trades, net of fees %.2f and funding %.2f%n", result.get("symbols"), result.get("from"), result.get("to"),
                    p.trades(), p.feesPaid(), p.fundingPaid());
            System.out.printf(Locale.ROOT, "strategy:     return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%  deflated Sharpe %.3f (%d trials)%n",
                    100 * p.totalReturn(), p.sharpe(), 100 * p.maxDrawdown(), p.deflatedSharpe(), p.trials());
            System.out.printf(Locale.ROOT, "buy-and-hold: return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%%n", 100 * pb.totalReturn(), pb.sharpe(), 100 * pb.maxDrawdown());
            System.out.println("wrote " + dir);
        }
        return 0;
    }
}

package io.tatra.model.eval;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.Journals;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.forecast.Forecasts;
import io.tatra.model.TestData;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;
import io.tatra.trading.ModelStrategy;
import io.tatra.trading.SignalStrategy;
import io.tatra.trading.Trade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The live path equals the batch path: {@link ModelStrategy} (feature stream → saved normalization → one forward
 * pass per bar → fusion → orders) makes the decisions and trades of batched inference over precomputed
 * windows replayed by {@link SignalStrategy}.
 */
class ModelStrategyParityTest {
    @Test
    void barByBarDecisionsAndTradesEqualTheBatchPath() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        int fold = ds.folds().size() - 1, h = ds.config().labels().horizon();
        TrainConfig tc = new TrainConfig(Balance.EW, 1, 32, 3e-3, 1e-4, 2, 5, 1.0, 1);
        RuleBasedFusion fusion = new RuleBasedFusion(new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01));
        try (Workflows.Trained t = Workflows.train(ds, fold, Tasks.CORE, ModelConfig.tiny(96, Feature.COUNT), tc, null, line -> {})) {
            Normalization norm = ds.normalizations().get(fold);
            // batch: every window at once, decisions replayed
            Samples windows = new Samples(ds.symbols(), norm, ds.config().window(), ds.decisionSamples());
            Forecasts p = ModelPredictions.of(t.model(), windows);
            Map<Symbol, TradeDecision[]> batch = ModelSignals.decide(p, windows, h, fusion);
            List<MarketFrame> frames = new ArrayList<>();
            Map<Symbol, String[]> ids = new HashMap<>();
            Map<Symbol, Integer> lastBatch = new HashMap<>();
            for (SymbolData s : ds.symbols()) {
                BarSeries b = s.bars();
                frames.add(s.frame());
                String[] id = new String[b.size()];
                TradeDecision[] d = batch.get(b.symbol());
                for (int i = 0; i < b.size(); i++) if (d[i] != null) { id[i] = Journals.id(b.symbol(), b.openTimeMillis(i)); lastBatch.put(b.symbol(), i); }
                ids.put(b.symbol(), id);
            }
            BacktestResult expected = new Backtester(BacktestConfig.defaults()).run(frames, new SignalStrategy(batch, ids));

            // bar by bar
            Map<Symbol, TradeDecision[]> live = new HashMap<>();
            Map<Symbol, MarketFrame> events = new HashMap<>();
            for (MarketFrame f : frames) {
                events.put(f.bars().symbol(), f);
                live.put(f.bars().symbol(), new TradeDecision[f.bars().size()]);
            }
            double[] maxDiff = {0};
            ModelStrategy ms = new ModelStrategy(new ModelForecaster(t.model()), norm, ds.config().features(), ds.config().window(), h, fusion, events,
                    (sym, open, fc, d) -> {
                        BarSeries b = frames.stream().filter(f -> f.bars().symbol().equals(sym)).findFirst().orElseThrow().bars();
                        live.get(sym)[b.lowerBound(open)] = d;
                    });
            BacktestResult actual = new Backtester(BacktestConfig.defaults()).run(frames, ms);

            int compared = 0;
            for (Symbol s : batch.keySet()) {
                TradeDecision[] a = batch.get(s), b = live.get(s);
                for (int i = 0; i < a.length; i++) {
                    if (a[i] == null) continue;
                    assertNotNull(b[i], s + " bar " + i + ": the batch decided, the strategy did not");
                    assertEquals(a[i].action(), b[i].action(), s + " bar " + i);
                    for (var e : a[i].trace().entrySet()) {
                        double diff = Math.abs(e.getValue() - b[i].trace().get(e.getKey())) / Math.max(1, Math.abs(e.getValue()));
                        maxDiff[0] = Math.max(maxDiff[0], diff);
                    }
                    compared++;
                }
                for (int i = 0; i < b.length; i++)
                    if (b[i] != null && a[i] == null) fail(s + " bar " + i + ": the strategy decided where the batch path has no window");
                assertEquals(a.length - 1, lastBatch.get(s), s + ": the batch path decides up to the last bar, labels or not");
            }
            assertTrue(compared > 3000, "compared " + compared + " decisions");
            System.out.println("parity: " + compared + " decisions, max diff " + maxDiff[0] + ", " + expected.trades().size() + " trades");
            assertTrue(maxDiff[0] < 1e-4, "forecasts and fused numbers agree to float precision (batch of 256 vs one window): max diff " + maxDiff[0]);
            assertTrue(expected.trades().size() > 10, "the permissive fusion trades: " + expected.trades().size());
            assertEquals(expected.trades().size(), actual.trades().size());
            for (int k = 0; k < expected.trades().size(); k++) {
                Trade e = expected.trades().get(k), a = actual.trades().get(k);
                assertEquals(e.entryTime(), a.entryTime());
                assertEquals(e.exitTime(), a.exitTime());
                assertEquals(e.side(), a.side());
                assertEquals(e.reason(), a.reason());
                assertEquals(e.decisionId(), a.decisionId());
                assertEquals(e.pnl(), a.pnl(), 1e-6 * Math.abs(e.quantity() * e.entryPrice()));
            }
            assertEquals(expected.finalEquity(), actual.finalEquity(), 1e-6 * expected.capital());
        }
    }
}

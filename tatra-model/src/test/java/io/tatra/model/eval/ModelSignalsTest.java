package io.tatra.model.eval;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.trading.SignalStrategy;
import io.tatra.trading.Trade;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.market.Symbol;
import io.tatra.model.TestData;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelSignalsTest {
    @Test
    void trainingCalibratesEveryClassHeadOnTheValidationPartAndRecordsIt() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        int fold = ds.folds().size() - 1;
        TrainConfig tc = new TrainConfig(Balance.EW, 1, 32, 3e-3, 1e-4, 2, 5, 1.0, 1).withCalibration(true);
        try (Workflows.Trained t = Workflows.train(ds, fold, Tasks.CORE, ModelConfig.tiny(96, Feature.COUNT), tc, null, line -> {})) {
            assertNotNull(t.model().calibration("direction"));
            assertNotNull(t.model().calibration("regime"));
            assertNull(t.model().calibration("volatility"));
            @SuppressWarnings("unchecked")
            Map<String, io.tatra.model.train.Calibrate.Report> cal = (Map<String, io.tatra.model.train.Calibrate.Report>) t.card().training().get("calibration");
            assertEquals(java.util.Set.of("direction", "regime"), cal.keySet());
            for (var r : cal.values()) {
                assertTrue(r.logLossAfter() <= r.logLossBefore() + 1e-9, "calibration never raises the loss it was fitted on: " + r);
                assertEquals(Samples.of(ds, fold, ds.samples(fold, Fold.Part.VALIDATION)).labelled(Tasks.CORE).size(), r.windows());
            }
        }
        try (Workflows.Trained t = Workflows.train(ds, fold, Tasks.CORE, ModelConfig.tiny(96, Feature.COUNT), tc.withCalibration(false), null, line -> {})) {
            assertNull(t.model().calibration("direction"));
            assertFalse(t.card().training().containsKey("calibration"));
        }
    }

    @Test
    void modelDecisionsOnTestWindowsBacktestWithEntriesAfterTheirDecisionBar() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        int fold = ds.folds().size() - 1;
        TrainConfig tc = new TrainConfig(Balance.EW, 1, 32, 3e-3, 1e-4, 2, 5, 1.0, 1);
        try (Workflows.Trained t = Workflows.train(ds, fold, Tasks.CORE, ModelConfig.tiny(96, Feature.COUNT), tc, null, line -> {})) {
            Samples test = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TEST));
            // a permissive fusion so the untrained-ish model trades
            Map<Symbol, TradeDecision[]> d = ModelSignals.decide(t.model(), test, 4, new RuleBasedFusion(new FusionConfig(0.01, 1, 1.5, 2.5, 0, 0)));
            assertEquals(ds.symbols().size(), d.size());
            long decided = d.values().stream().flatMap(a -> java.util.Arrays.stream(a)).filter(java.util.Objects::nonNull).count();
            assertEquals(test.size(), decided, "one decision per test window");
            List<MarketFrame> frames = new ArrayList<>();
            for (SymbolData s : ds.symbols()) frames.add(s.frame());
            BacktestResult r = new Backtester(BacktestConfig.defaults()).run(frames, new SignalStrategy(d, Map.of()));
            assertFalse(r.trades().isEmpty());
            long testStart = ds.folds().get(fold).test().get(0).from();
            for (Trade tr : r.trades()) assertTrue(tr.entryTime().toEpochMilli() > testStart, "entries follow a test-window decision: " + tr);
            assertTrue(r.feesPaid() > 0);
        }
    }
}

package io.tatra.model.trade;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.Fold;
import io.tatra.dataset.Span;
import io.tatra.dataset.Splitter;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.market.Symbol;
import io.tatra.model.TestData;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class WalkForwardTest {
    @Test
    void everyFoldTrainsOnlyOnItsPastAndDecidesOnlyInItsTestBlock() {
        Torch.configure(1, 1);
        Dataset base = TestData.small();
        long h = 3_600_000L, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (SymbolData d : base.symbols()) {
            first = Math.min(first, d.sampleTime(0));
            last = Math.max(last, d.sampleTime(d.sampleRows().length - 1));
        }
        var folds = Splitter.rolling(first, last, h, 1200, 300, 300, base.config().split());
        assertTrue(folds.size() >= 2, folds.size() + " folds");
        Dataset ds = DatasetBuilder.withFolds(base, folds, line -> {});
        WalkForward.Result r = WalkForward.run(ds, ModelConfig.tiny(96, Feature.COUNT), new TrainConfig(Balance.EW, 1, 32, 3e-3, 1e-4, 2, 3, 1.0, 1),
                io.tatra.decision.DecisionPolicy.costAware(FusionConfig.defaults(), io.tatra.decision.CostAwareConfig.defaults(4), new io.tatra.decision.TradeCosts(0.00075, 0)),
                line -> {});
        assertEquals(folds.size(), r.folds().size());
        for (int k = 0; k < folds.size(); k++) {
            WalkForward.FoldRun run = r.folds().get(k);
            assertEquals(ds.decisionSamples(k, Fold.Part.VALIDATION).size(), run.edge().samples(), "the cost-aware policy of " + run.fold() + " is fitted on its validation windows");
            assertTrue(run.entryLevel() >= 0);
        }
        for (TradeDecision[] slots : r.decisions().values())
            for (TradeDecision d : slots)
                if (d != null) assertTrue(Double.isFinite(d.traced("edge")) && (d.action() != io.tatra.decision.Action.FLAT || d.skip() != null), "every decision is priced and every flat one says why");
        int lookahead = ds.config().labels().lookahead();
        for (int k = 0; k < folds.size(); k++) {
            Fold f = ds.folds().get(k);
            long testStart = f.test().get(0).from();
            for (Fold.Part part : new Fold.Part[]{Fold.Part.TRAIN, Fold.Part.VALIDATION})
                for (var s : ds.samples(k, part)) {
                    long t = ds.symbols().get(s.symbol()).bars().openTimeMillis(s.row());
                    assertTrue(t + lookahead * h < testStart, f.name() + " " + part + " label ending " + (t + lookahead * h) + " reaches the test start " + testStart);
                }
            if (k > 0) assertTrue(f.test().get(0).from() > ds.folds().get(k - 1).test().get(0).to(), "test blocks follow each other");
        }
        for (Map.Entry<Symbol, TradeDecision[]> e : r.decisions().entrySet()) {
            var bars = ds.symbols().stream().filter(s -> s.bars().symbol().equals(e.getKey())).findFirst().orElseThrow().bars();
            for (int i = 0; i < e.getValue().length; i++) {
                if (e.getValue()[i] == null) continue;
                long t = bars.openTimeMillis(i);
                assertTrue(folds.stream().anyMatch(f -> f.test().stream().anyMatch((Span sp) -> t >= sp.from() && t <= sp.to())), "decision outside every test block at " + t);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Splitter.rolling(0, 10_000 * h, h, 1000, 500, 400, base.config().split()));
    }
}

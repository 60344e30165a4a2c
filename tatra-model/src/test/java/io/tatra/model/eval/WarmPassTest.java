package io.tatra.model.eval;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.market.BarSeries;
import io.tatra.model.TatraModel;
import io.tatra.model.TestData;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Tasks;
import io.tatra.trading.ModelStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pre-close warming runs {@link ModelStrategy#warmPass} on another thread while the strategy decides: with the unified
 * model's forecaster, the decisions are those of a strategy that nobody warms, bar for bar.
 */
class WarmPassTest {
    @Test
    void passesOnAnotherThreadChangeNoDecision() throws InterruptedException {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        SymbolData s = ds.symbols().get(0);
        BarSeries bars = s.bars();
        RuleBasedFusion fusion = new RuleBasedFusion(new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01));
        try (TatraModel m = TatraModel.create(ModelConfig.tiny(96, Feature.COUNT), Tasks.CORE, 3)) {
            List<TradeDecision> alone = new ArrayList<>(), warmed = new ArrayList<>();
            ModelStrategy a = new ModelStrategy(new ModelForecaster(m), ds.normalizations().get(0), ds.config().features(), 96, 4, fusion,
                    Map.of(bars.symbol(), s.frame()), (sym, t, fc, d) -> alone.add(d));
            ModelStrategy b = new ModelStrategy(new ModelForecaster(m), ds.normalizations().get(0), ds.config().features(), 96, 4, fusion,
                    Map.of(bars.symbol(), s.frame()), (sym, t, fc, d) -> warmed.add(d));
            int n = Math.min(bars.size(), b.barsNeeded() + 300);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong passes = new AtomicLong();
            Thread warmer = null;
            try {
                for (int i = 0; i < n; i++) {
                    a.decide(bars, i);
                    b.decide(bars, i);
                    if (i == b.barsNeeded()) { // a complete window: warm on a copy of it from now on, as the live session does
                        Runnable pass = b.warmPass();
                        warmer = new Thread(() -> { while (!stop.get()) { pass.run(); passes.incrementAndGet(); } });
                        warmer.start();
                    }
                }
            } finally {
                stop.set(true);
                if (warmer != null) warmer.join();
            }
            assertTrue(passes.get() > 20, "passes ran beside the decisions: " + passes.get());
            assertTrue(alone.size() > 250, "decisions: " + alone.size());
            assertEquals(alone, warmed, "the same decisions, bar for bar");
        }
    }
}

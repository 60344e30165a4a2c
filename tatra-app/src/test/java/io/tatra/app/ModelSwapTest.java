package io.tatra.app;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.SplitMethod;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.Forecaster;
import io.tatra.forecast.TaskSpec;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.ModelStrategy;
import io.tatra.trading.PortfolioView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A promoted version replaces the traded model in a running session: from the symbol's next bar, its decisions read
 * exactly the window a strategy fed every bar and every funding and open-interest reading from the start of the
 * engine's window would read — nothing from the future, nothing lost.
 */
class ModelSwapTest {
    /** Records every input window and forecasts a constant. */
    static final class Recorder implements Forecaster {
        final List<float[]> inputs = new ArrayList<>();

        @Override public List<TaskSpec> tasks() { return CoreTasks.ALL; }

        @Override
        public Forecast forecast(float[] window) {
            inputs.add(window.clone());
            Map<TaskSpec, double[]> f = new LinkedHashMap<>();
            f.put(CoreTasks.DIRECTION, new double[]{0.3, 0.3, 0.4});
            f.put(CoreTasks.REGIME, new double[]{0.4, 0.3, 0.3});
            f.put(CoreTasks.VOLATILITY, new double[]{0.01});
            f.put(CoreTasks.RETURN, new double[]{0.001});
            return new Forecast(f);
        }
    }

    @Test
    void theNewVersionDecidesFromTheSymbolsNextBarOnAWindowAsIfFedFromTheStart() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 3_000, Interval.H1, 31));
        Symbol sym = m.config().symbols().get(0);
        BarSeries bars = m.series(sym);
        List<FundingRate> funding = m.funding().get(sym);
        List<OpenInterest> oi = m.openInterest().get(sym);
        assertFalse(funding.isEmpty() || oi.isEmpty(), "the test needs exchange events");
        Dataset ds = DatasetBuilder.build(List.of(new MarketFrame(bars, funding, oi, List.of())), Map.of(), DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
        Normalization norm = ds.normalizations().get(0);
        RuleBasedFusion fusion = new RuleBasedFusion(FusionConfig.defaults());
        Recorder old = new Recorder(), fresh = new Recorder(), reference = new Recorder();
        ModelStrategy first = new ModelStrategy(old, norm, FeatureConfig.DEFAULT, 96, 4, fusion, Map.of(), null);
        int window = first.barsNeeded(); // the engine keeps this many bars
        JournaledStrategy live = new JournaledStrategy(first);
        PortfolioView flat = new PortfolioView() {
            @Override public double equity() { return 10_000; }
            @Override public double position(Symbol s) { return 0; }
        };
        int swapAt = 700;
        List<String> swapped = new ArrayList<>();
        int fi = 0, oi2 = 0;
        for (int i = 0; i < 900; i++) {
            long close = bars.openTimeMillis(i) + Interval.H1.millis();
            // exchange events reach the live strategy as they arrive, up to the bar's close, before the bar
            while (fi < funding.size() && funding.get(fi).time().toEpochMilli() <= close) live.onFunding(funding.get(fi++));
            while (oi2 < oi.size() && oi.get(oi2).time().toEpochMilli() <= close) live.onOpenInterest(oi.get(oi2++));
            if (i == swapAt) // a retrain finished on another thread while bar swapAt was forming
                live.replaceWith(new JournaledStrategy.Replacement("v2", frame -> new ModelStrategy(fresh, norm, FeatureConfig.DEFAULT, 96, 4, fusion,
                        Map.of(frame.bars().symbol(), frame), null), (s, name) -> swapped.add(s.value() + " " + name)));
            int from = Math.max(0, i - window + 1);
            live.onBar(bars.range(from, i + 1), i - from, flat);
        }
        assertEquals(List.of(sym.value() + " v2"), swapped, "swapped once, at the symbol's next bar");
        assertEquals(900 - swapAt, fresh.inputs.size(), "the new version decides every bar from the swap on");
        assertEquals(swapAt - (window - 1), old.inputs.size(), "the old one decided every bar before it, and none after");

        // the reference: a strategy fed every bar of the engine's window at the swap, and every event, from the window's first bar
        ModelStrategy ref = new ModelStrategy(reference, norm, FeatureConfig.DEFAULT, 96, 4, fusion, Map.of(sym, new MarketFrame(bars, funding, oi, List.of())), null);
        int start = swapAt - window + 1;
        for (int i = start; i < 900; i++) ref.decide(bars, i);
        assertEquals(fresh.inputs.size(), reference.inputs.size());
        for (int k = 0; k < fresh.inputs.size(); k++)
            assertArrayEquals(reference.inputs.get(k), fresh.inputs.get(k), "input window of bar " + (swapAt + k));
        // and the funding and open-interest features were really read (non-zero somewhere in the last window)
        float[] lastWindow = fresh.inputs.get(fresh.inputs.size() - 1);
        boolean anyOi = false;
        for (int r = 0; r < 96; r++) anyOi |= lastWindow[r * io.tatra.features.Feature.COUNT + io.tatra.features.Feature.OI_MASK.ordinal()] != lastWindow[io.tatra.features.Feature.OI_MASK.ordinal()] || lastWindow[r * io.tatra.features.Feature.COUNT + io.tatra.features.Feature.OI_CHANGE_1.ordinal()] != 0;
        assertTrue(anyOi, "open-interest features vary in the swapped window");
    }
}

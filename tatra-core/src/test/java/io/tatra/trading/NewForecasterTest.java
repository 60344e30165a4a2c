package io.tatra.trading;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.backtest.CostConfig;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.decision.Action;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.Forecaster;
import io.tatra.forecast.TaskSpec;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A new forecaster is one class: it drives fusion, the bar-by-bar strategy and a backtest with no edit to any of them. */
class NewForecasterTest {
    /** A rule, not a model: the sign of the last bar's return (the window's last step, {@code ret_1}) says where the next bars go. */
    static final class LastReturnSign implements Forecaster {
        int calls;

        @Override public List<TaskSpec> tasks() { return CoreTasks.ALL; }

        @Override
        public Forecast forecast(float[] window) {
            calls++;
            float r = window[window.length - Feature.COUNT + Feature.RET_1.ordinal()];
            boolean up = r > 0;
            Map<TaskSpec, double[]> f = new LinkedHashMap<>();
            f.put(CoreTasks.DIRECTION, up ? new double[]{0.2, 0.2, 0.6} : new double[]{0.6, 0.2, 0.2});
            f.put(CoreTasks.REGIME, up ? new double[]{0.5, 0.2, 0.3} : new double[]{0.2, 0.5, 0.3});
            f.put(CoreTasks.VOLATILITY, new double[]{0.01});
            f.put(CoreTasks.RETURN, new double[]{up ? 0.002 : -0.002});
            return new Forecast(f);
        }
    }

    @Test
    void aRuleForecasterTradesThroughTheSameStrategyAndBacktest() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 3000, Interval.H1, 4));
        BarSeries bars = m.series(m.config().symbols().get(0));
        Dataset ds = DatasetBuilder.build(List.of(MarketFrame.of(bars)), Map.of(), DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
        LastReturnSign rule = new LastReturnSign();
        List<TradeDecision> seen = new ArrayList<>();
        ModelStrategy s = new ModelStrategy(rule, ds.normalizations().get(0), FeatureConfig.DEFAULT, 96, 4, new RuleBasedFusion(FusionConfig.defaults()),
                Map.of(), (sym, t, fc, d) -> seen.add(d));
        BacktestResult r = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free())).run(List.of(MarketFrame.of(bars)), s);
        int first = s.barsNeeded() - 1;
        assertEquals(bars.size() - first, rule.calls, "one forecast per bar from the first complete window on");
        assertEquals(rule.calls, seen.size());
        assertTrue(seen.stream().anyMatch(d -> d.action() == Action.LONG) && seen.stream().anyMatch(d -> d.action() == Action.SHORT));
        assertFalse(r.trades().isEmpty());
        for (Trade t : r.trades()) assertTrue(t.entryTime().toEpochMilli() > bars.openTimeMillis(first), "no trade before the first decision: " + t);
        // the rule read the window the strategy built: every LONG follows a bar whose return is above the training median (normalized > 0)
        double center = ds.normalizations().get(0).center()[Feature.RET_1.ordinal()];
        for (int i = first, k = 0; i < bars.size(); i++, k++) {
            double r1 = Math.log(bars.close(i) / bars.close(i - 1));
            if (seen.get(k).action() == Action.LONG && Math.abs(r1 - center) > 1e-9) assertTrue(r1 > center, "bar " + i);
        }
    }
}

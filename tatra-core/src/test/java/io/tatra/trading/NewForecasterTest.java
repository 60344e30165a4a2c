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

    @Test
    void anExtraHeadReachesTheDecisionThroughAPolicyWrittenInOnePlace() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 3000, Interval.H1, 5));
        BarSeries bars = m.series(m.config().symbols().get(0));
        Dataset ds = DatasetBuilder.build(List.of(MarketFrame.of(bars)), Map.of(), DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
        TaskSpec win = new TaskSpec("win", io.tatra.forecast.ForecastKind.PROBABILITY, List.of(), "take profit before stop");
        LastReturnSign core = new LastReturnSign();
        // the forecaster adds a win-probability head: high after an up bar, low after a down bar
        Forecaster withWin = new Forecaster() {
            @Override public List<TaskSpec> tasks() { return List.of(CoreTasks.DIRECTION, CoreTasks.VOLATILITY, CoreTasks.REGIME, CoreTasks.RETURN, win); }
            @Override public Forecast forecast(float[] w) {
                Forecast f = core.forecast(w);
                Map<TaskSpec, double[]> v = new LinkedHashMap<>(f.values());
                v.put(win, new double[]{f.probability(CoreTasks.DIRECTION, CoreTasks.UP) > 0.5 ? 0.7 : 0.3});
                return new Forecast(v);
            }
        };
        // the policy: the rule's decision, but flat whenever the win head says the trade more likely loses
        RuleBasedFusion rule = new RuleBasedFusion(FusionConfig.defaults());
        io.tatra.decision.FusionPolicy vetoed = (f, h) -> f.value(win) < 0.5
                ? new TradeDecision(Action.FLAT, 0, 0, 1e-3, 1e-3, 0, "win probability " + f.value(win) + " below 0.5", Map.of("win", f.value(win)))
                : rule.decide(f, h);
        List<TradeDecision> seen = new ArrayList<>();
        ModelStrategy s = new ModelStrategy(withWin, ds.normalizations().get(0), FeatureConfig.DEFAULT, 96, 4, vetoed, Map.of(), (sym, t, fc, d) -> seen.add(d));
        BacktestResult r = new Backtester(BacktestConfig.defaults().withCosts(CostConfig.free())).run(List.of(MarketFrame.of(bars)), s);
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().noneMatch(d -> d.action() == Action.SHORT), "every short signal comes after a down bar, where the win head vetoes");
        assertTrue(seen.stream().anyMatch(d -> d.action() == Action.LONG));
        assertTrue(seen.stream().anyMatch(d -> d.reasoning().startsWith("win probability")));
        for (Trade t : r.trades()) assertTrue(t.side() > 0, "only longs traded: " + t);
    }
}

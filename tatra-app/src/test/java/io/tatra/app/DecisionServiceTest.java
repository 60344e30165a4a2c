package io.tatra.app;

import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.TaskSpec;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.Torch;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.ModelStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code tatra decide} sees what the backtest sees: the stored funding rates and open interest as of each bar's close,
 * not only the candles. Its forecast for the latest bar equals a {@link ModelStrategy} fed the whole frame with its
 * events, and differs from one fed the candles alone (the model reads the derivatives features).
 */
class DecisionServiceTest {
    @TempDir
    Path dir;

    @Test
    void theLatestForecastReadsStoredFundingAndOpenInterestAsTheBacktestDoes() {
        Torch.configure(1, 3);
        Path home = dir.resolve("home"), model = dir.resolve("model");
        TinyModel.OneSymbol one = TinyModel.oneSymbol(home, 1_200, 8);
        SyntheticMarket m = one.market();
        Symbol sym = one.symbol();
        BarSeries bars = one.bars();
        TinyModel.train(home, List.of(sym), null, 1, 5, model);
        FusionConfig fusion = FusionConfig.defaults();
        Forecast latest;
        try (DecisionService svc = new DecisionService(home, model, new RuleBasedFusion(fusion))) {
            latest = svc.latest(sym, null).forecast();
        }
        try (ModelStore.Loaded loaded = ModelStore.load(model, new io.tatra.features.FeatureEngine().schema().hash())) {
            MarketFrame frame = new MarketFrame(bars, m.funding().get(sym), m.openInterest().get(sym), List.of());
            Forecast withEvents = lastForecast(loaded, Map.of(sym, frame), bars), candlesOnly = lastForecast(loaded, Map.of(), bars);
            double same = maxDiff(latest, withEvents), other = maxDiff(latest, candlesOnly);
            assertTrue(same < 1e-6, "decide equals the strategy fed funding and open interest: " + same);
            assertTrue(other > 1e-4, "and the derivatives features matter to this model: " + other);
        }
    }

    private static Forecast lastForecast(ModelStore.Loaded loaded, Map<Symbol, MarketFrame> events, BarSeries bars) {
        ModelStrategy s = new ModelStrategy(new ModelForecaster(loaded.model()), loaded.normalization(), FeatureConfig.DEFAULT, loaded.card().window(),
                loaded.card().labels().horizon(), new RuleBasedFusion(FusionConfig.defaults()), events, null);
        for (int i = 0; i < bars.size() - 1; i++) s.observe(bars, i);
        return s.forecast(bars, bars.size() - 1);
    }

    private static double maxDiff(Forecast a, Forecast b) {
        double d = 0;
        for (TaskSpec t : a.tasks()) {
            double[] x = a.values(t), y = b.values(t);
            for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }
}

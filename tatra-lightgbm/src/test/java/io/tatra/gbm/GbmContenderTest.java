package io.tatra.gbm;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.Fold;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.SplitMethod;
import io.tatra.features.MarketFrame;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;
import io.tatra.metrics.Metrics;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GbmContenderTest {
    static Dataset synthetic() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(2, 3000, Interval.H1, 21));
        List<MarketFrame> frames = new ArrayList<>();
        Map<Symbol, List<Regime>> truth = new HashMap<>();
        for (Symbol s : m.config().symbols()) {
            frames.add(new MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null));
            truth.put(s, m.regimes());
        }
        return DatasetBuilder.build(frames, truth, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
    }

    @Test
    void forecastsEveryCoreTaskForEveryTestWindowAndBeatsAConstantVolatility() {
        Dataset ds = synthetic();
        int k = ds.folds().size() - 1;
        FoldWindows w = new FoldWindows(ds, k, ds.samples(k, Fold.Part.TRAIN), ds.samples(k, Fold.Part.VALIDATION), ds.samples(k, Fold.Part.TEST));
        GbmContender c = new GbmContender(GbmConfig.defaults(1).withRounds(200, 20).withThreads(1));
        List<String> log = new ArrayList<>();
        Forecasts p = c.fit(w, 1, log::add);
        int n = w.test().size();
        assertEquals(n, p.size());
        assertTrue(p.hasAll(CoreTasks.ALL), p.tasks().toString());
        double[] win = p.array(CoreTasks.WIN);
        for (double q : win) assertTrue(q > 0 && q < 1, "the win label's probability: " + q);
        double[] dir = p.array(CoreTasks.DIRECTION), vol = p.array(CoreTasks.VOLATILITY);
        assertEquals(3 * n, dir.length);
        for (int i = 0; i < n; i++) assertEquals(1, dir[3 * i] + dir[3 * i + 1] + dir[3 * i + 2], 1e-9);
        double[] realized = new double[n], forecast = new double[n], constant = new double[n];
        double meanVar = 0;
        for (Dataset.Sample s : w.train()) meanVar += Math.pow(ds.symbols().get(s.symbol()).labels().forwardVolatility()[s.row()], 2);
        meanVar /= w.train().size();
        for (int i = 0; i < n; i++) {
            Dataset.Sample s = w.test().get(i);
            realized[i] = Math.pow(ds.symbols().get(s.symbol()).labels().forwardVolatility()[s.row()], 2);
            assertTrue(vol[i] > 0);
            forecast[i] = vol[i] * vol[i];
            constant[i] = meanVar;
        }
        double q = Metrics.qlike(forecast, realized), q0 = Metrics.qlike(constant, realized);
        assertTrue(q < q0, "QLIKE " + q + " against the constant's " + q0);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("direction: ") && l.contains("rounds kept")), log.toString());
        Forecasts again = c.fit(w, 1, line -> {});
        assertArrayEquals(dir, again.array(CoreTasks.DIRECTION), 0, "same seed, same forecasts");
    }

    @Test
    void summaryColumnsReadOnlyTheWindowAndAreNamed() {
        Dataset ds = synthetic();
        WindowSummary ws = new WindowSummary(ds.symbols(), ds.normalizations().get(0));
        Dataset.Sample s = ds.samples(0, Fold.Part.TEST).get(10);
        double[] row = ws.rows(List.of(s));
        assertEquals(WindowSummary.COLUMNS, row.length);
        assertEquals(WindowSummary.COLUMNS, WindowSummary.names().size());
        // changing a feature after the window's last bar changes nothing; changing one inside it changes the means
        float[] f = ds.symbols().get(s.symbol()).features();
        int d = io.tatra.features.Feature.COUNT;
        float saved = f[(s.row() + 1) * d];
        f[(s.row() + 1) * d] = 1e6f;
        assertArrayEquals(row, new WindowSummary(ds.symbols(), ds.normalizations().get(0)).rows(List.of(s)), 0, "no lookahead");
        f[(s.row() + 1) * d] = saved;
        float inside = f[(s.row() - 30) * d];
        f[(s.row() - 30) * d] = inside + 1;
        double[] changed = new WindowSummary(ds.symbols(), ds.normalizations().get(0)).rows(List.of(s));
        f[(s.row() - 30) * d] = inside;
        assertEquals(row[0], changed[0], 0, "the last step is unchanged");
        assertEquals(row[d], changed[d], 0, "the 24-step mean does not reach 30 steps back");
        assertNotEquals(row[2 * d], changed[2 * d], "the 96-step mean does");
    }

    @Test
    void aLiveWindowAndTheBatchRowsGiveTheSameSummaryAndForecastToTheBit() {
        Dataset ds = synthetic();
        int k = ds.folds().size() - 1;
        FoldWindows w = new FoldWindows(ds, k, ds.samples(k, Fold.Part.TRAIN), ds.samples(k, Fold.Part.VALIDATION), ds.samples(k, Fold.Part.TEST));
        WindowSummary ws = WindowSummary.of(w);
        List<Dataset.Sample> some = w.test().subList(0, 20);
        double[] batch = ws.rows(some);
        float[] windows = ds.windows(k, some); // what the strategy hands a Forecaster: normalized, oldest step first
        int per = WindowSummary.LONG * io.tatra.features.Feature.COUNT;
        try (GbmTask.Trained t = GbmTask.train(w, CoreTasks.DIRECTION, ws.rows(w.train()), ws.rows(w.validation()),
                GbmConfig.defaults(1).withRounds(50, 10).withThreads(1), line -> {})) {
            GbmForecaster f = new GbmForecaster(List.of(new GbmForecaster.Head(t.task(), t.result().model())));
            double[] p = t.predict(batch, some.size());
            for (int i = 0; i < some.size(); i++) {
                double[] one = new double[WindowSummary.COLUMNS];
                WindowSummary.of(windows, i * per, one, 0);
                assertArrayEquals(java.util.Arrays.copyOfRange(batch, i * WindowSummary.COLUMNS, (i + 1) * WindowSummary.COLUMNS), one, 0, "window " + i);
                double[] live = f.forecast(java.util.Arrays.copyOfRange(windows, i * per, (i + 1) * per)).values(CoreTasks.DIRECTION);
                assertArrayEquals(java.util.Arrays.copyOfRange(p, 3 * i, 3 * i + 3), live, 0, "forecast " + i);
            }
        }
    }
}

package io.tatra.model;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.features.MarketFrame;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small synthetic datasets shared by the model tests (built once per JVM). */
public final class TestData {
    private static Dataset small;

    private TestData() {}

    public static synchronized Dataset small() {
        if (small == null) small = build(2, 2500, 7);
        return small;
    }

    public static Dataset build(int symbols, int bars, long seed) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(symbols, bars, Interval.H1, seed));
        List<MarketFrame> frames = new ArrayList<>();
        Map<Symbol, List<Regime>> truth = new HashMap<>();
        for (Symbol s : m.config().symbols()) {
            frames.add(new MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null));
            truth.put(s, m.regimes());
        }
        return DatasetBuilder.build(frames, truth, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
    }
}

package io.tatra.features;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;

/** Small synthetic markets for feature tests. */
final class Fixtures {
    private Fixtures() {}

    static SyntheticMarket market(int bars, long seed) {
        return MarketGenerator.generate(SyntheticConfig.defaults(1, bars, Interval.H1, seed));
    }

    static Symbol symbol(SyntheticMarket m) { return m.config().symbols().get(0); }

    static MarketFrame frame(SyntheticMarket m) {
        Symbol s = symbol(m);
        return new MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null);
    }

    static BarSeries series(int bars, long seed) {
        SyntheticMarket m = market(bars, seed);
        return m.series(symbol(m));
    }

    /** Bitwise equality that treats NaN as equal to NaN. */
    static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}

package io.tatra.features;

import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * For every feature: rewriting every bar (and every funding / open-interest reading) after time t, or
 * cutting the series at t, must not move any value at or before t.
 */
class NoLookaheadTest {
    private static final int N = 1200;

    @Test
    void futureBarsAndEventsDoNotMovePastFeatures() {
        SyntheticMarket base = Fixtures.market(N, 5);
        SyntheticMarket other = Fixtures.market(N, 99);
        Symbol sym = Fixtures.symbol(base);
        MarketFrame original = Fixtures.frame(base);
        FeatureEngine engine = new FeatureEngine();
        FeatureMatrix a = engine.compute(original);
        boolean[] definedSomewhere = new boolean[Feature.COUNT];
        boolean[] movedAfterCut = new boolean[Feature.COUNT];
        for (int cut : new int[]{300, 640, 1000}) {
            MarketFrame perturbed = splice(original, Fixtures.frame(other), cut, sym);
            FeatureMatrix b = engine.compute(perturbed);
            FeatureMatrix truncated = engine.compute(truncate(original, cut));
            for (int i = 0; i <= cut; i++) {
                for (Feature f : Feature.values()) {
                    double x = a.get(i, f);
                    assertTrue(Fixtures.same(x, b.get(i, f)), () -> f.id() + " at bar " + cut + " moved when bars after it changed");
                    assertTrue(Fixtures.same(x, truncated.get(i, f)), () -> f.id() + " at bar " + cut + " differs when the series ends there");
                    if (!Double.isNaN(x)) definedSomewhere[f.ordinal()] = true;
                }
            }
            for (int i = cut + 1; i < N; i++)
                for (Feature f : Feature.values())
                    if (!Fixtures.same(a.get(i, f), b.get(i, f))) movedAfterCut[f.ordinal()] = true;
        }
        for (Feature f : Feature.values()) {
            if (f.group() == FeatureGroup.ORDER_BOOK || f == Feature.HOUR_SIN || f == Feature.HOUR_COS || f == Feature.DOW_SIN
                    || f == Feature.DOW_COS || f == Feature.FUNDING_MASK || f == Feature.OI_MASK) continue;
            assertTrue(definedSomewhere[f.ordinal()], f.id() + " was never defined, so the test did not cover it");
            assertTrue(movedAfterCut[f.ordinal()], f.id() + " did not react to the perturbation at all, so the test did not cover it");
        }
    }

    /** Bars up to {@code cut} from {@code a}; after it, {@code b}'s bar shapes rescaled to continue from a's price. */
    static MarketFrame splice(MarketFrame a, MarketFrame b, int cut, Symbol sym) {
        BarSeries sa = a.bars(), sb = b.bars();
        BarSeries.Builder out = BarSeries.builder(sym, sa.interval(), sa.size());
        for (int i = 0; i < sa.size(); i++) {
            if (i <= cut) {
                out.add(sa.openTimeMillis(i), sa.open(i), sa.high(i), sa.low(i), sa.close(i), sa.volume(i));
            } else {
                double k = sa.close(cut) / sb.close(cut);
                double open = sb.open(i) * k * (1 + 0.002 * Math.sin(i)); // the synthetic market opens at the last close; add gaps
                out.add(sa.openTimeMillis(i), open, Math.max(open, sb.high(i) * k), Math.min(open, sb.low(i) * k), sb.close(i) * k, sb.volume(i) * 3);
            }
        }
        long closeOfCut = sa.openTimeMillis(cut) + sa.interval().millis();
        List<FundingRate> funding = new ArrayList<>();
        for (FundingRate f : a.funding())
            funding.add(f.time().toEpochMilli() <= closeOfCut ? f : new FundingRate(sym, f.time(), -f.rate() * 2 + 0.0003));
        List<OpenInterest> oi = new ArrayList<>();
        for (OpenInterest x : a.openInterest())
            oi.add(x.time().toEpochMilli() <= closeOfCut ? x : new OpenInterest(sym, x.time(), x.value() * 1.7 + 5));
        return new MarketFrame(out.build(), funding, oi, null);
    }

    static MarketFrame truncate(MarketFrame a, int cut) {
        long closeOfCut = a.bars().openTimeMillis(cut) + a.bars().interval().millis();
        return new MarketFrame(a.bars().range(0, cut + 1),
                a.funding().stream().filter(f -> f.time().toEpochMilli() <= closeOfCut).toList(),
                a.openInterest().stream().filter(f -> f.time().toEpochMilli() <= closeOfCut).toList(), null);
    }
}

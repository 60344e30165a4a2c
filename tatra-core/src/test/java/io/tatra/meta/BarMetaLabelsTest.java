package io.tatra.meta;

import io.tatra.market.Bar;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BarMetaLabelsTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /** Momentum and σ over 4 bars, vertical barrier 3 bars after the decision, no costs unless a test sets them. */
    static final BarMetaLabels.Config CFG = new BarMetaLabels.Config(4, 1, 3, 1, 1, 4, 0);
    static final double[] WARMUP = {100, 102, 101, 103, 104};

    /** Bars: {open, high, low, close} per row. */
    static BarSeries series(List<double[]> rows) {
        BarSeries.Builder b = BarSeries.builder(Symbol.of("BTCUSDT"), Interval.parse("1h"));
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            b.add(Bar.of(T0.plusSeconds(3600L * i), r[0], r[1], r[2], r[3], 1));
        }
        return b.build();
    }

    /** The warm-up closes (flat bars), then the given bars. */
    static List<double[]> withWarmup(double[]... after) {
        List<double[]> rows = new ArrayList<>();
        for (double c : WARMUP) rows.add(new double[]{c, c, c, c});
        rows.addAll(List.of(after));
        return rows;
    }

    /** σ of the warm-up's four 1-bar log returns, written out independently of the class under test. */
    static double sigma() {
        double[] r = new double[4];
        double mean = 0;
        for (int k = 1; k <= 4; k++) { r[k - 1] = Math.log(WARMUP[k] / WARMUP[k - 1]); mean += r[k - 1] / 4; }
        double v = 0;
        for (double x : r) v += (x - mean) * (x - mean);
        return Math.sqrt(v / 3);
    }

    /** The example decided at the close of row 4 (the first with a full lookback). */
    static MetaExample first(BarSeries s, BarMetaLabels.Config cfg) {
        return BarMetaLabels.of(s, cfg, null).get(0);
    }

    @Test
    void longEnteredAtTheNextOpenExitsAtTheTakeProfitItTouchedFirst() {
        double barrier = sigma() * Math.sqrt(3), entry = 104.5;
        double tpPrice = entry * Math.exp(barrier);
        BarSeries s = series(withWarmup(new double[]{entry, entry + 0.1, entry - 0.1, entry}, new double[]{entry, tpPrice * 1.0001, entry, tpPrice},
                new double[]{tpPrice, tpPrice, 50, 50}));
        MetaExample e = first(s, CFG);
        assertEquals(1, e.side(), "104 > 100 four bars back: long");
        assertEquals(T0.plusSeconds(5 * 3600), e.decisionTime(), "decided at the close of row 4");
        assertEquals(barrier, e.grossReturn(), 1e-12, "exit at the take-profit level, measured from the next open");
        assertEquals(T0.plusSeconds(7 * 3600), e.closedTime(), "known at the close of the bar that touched it (row 6)");
        assertTrue(e.win30m());
        assertFalse(e.win5m(), "the entry bar closed at the entry price: not in profit");
        assertEquals(1.0, e.feature(0));
        assertEquals(Math.log(104 / 100.0) / (sigma() * 2), e.feature(1), 1e-12, "momentum in σ√m units");
        assertEquals(sigma(), e.feature(2), 1e-12);
        assertArrayEquals(new double[]{e.feature(1), e.feature(2)}, BarMetaLabels.primaryFeatures(s, 4, CFG), 1e-15, "a saved model reads a new bar the same way");
        assertTrue(Double.isNaN(BarMetaLabels.primaryFeatures(s, 3, CFG)[0]), "too little history");
    }

    @Test
    void aBarTouchingBothBarriersCountsAsTheStopAndCostsComeOffBothLegs() {
        double barrier = sigma() * Math.sqrt(3), entry = 104;
        double both = entry * Math.exp(barrier) * 1.01, low = entry * Math.exp(-barrier) * 0.99;
        BarSeries s = series(withWarmup(new double[]{entry, both, low, entry}, new double[]{entry, entry, entry, entry}, new double[]{entry, entry, entry, entry}));
        MetaExample e = first(s, CFG.withCostPerSide(0.001));
        assertEquals(-barrier, e.grossReturn(), 1e-12, "the worse case");
        assertEquals(-barrier - 0.002, e.netPnl(), 1e-12);
        assertFalse(e.win30m());
    }

    @Test
    void aGapBeyondTheStopExitsAtTheOpenAndAnUntouchedTradeClosesAtTheVerticalBarrier() {
        double barrier = sigma() * Math.sqrt(3), entry = 104;
        double gap = entry * Math.exp(-barrier) * 0.95;
        MetaExample gapped = first(series(withWarmup(new double[]{entry, entry, entry, entry}, new double[]{gap, gap, gap * 0.99, gap},
                new double[]{gap, gap, gap, gap})), CFG);
        assertEquals(Math.log(gap / entry), gapped.grossReturn(), 1e-12, "filled at the gap's open, worse than the stop");

        double end = entry * Math.exp(barrier / 2);
        MetaExample vertical = first(series(withWarmup(new double[]{entry, entry * 1.0001, entry, entry * 1.0001}, new double[]{entry, entry, entry, entry},
                new double[]{entry, end, entry, end})), CFG.withCostPerSide(0.0005));
        assertEquals(Math.log(end / entry), vertical.grossReturn(), 1e-12, "C_{t+h}");
        assertEquals(T0.plusSeconds(8 * 3600), vertical.closedTime());
        assertTrue(vertical.win5m(), "in profit at the entry bar's close");
        assertEquals(vertical.netPnl() > 0, vertical.win30m());
    }

    @Test
    void aFallingMarketGivesShortsWhoseTakeProfitIsBelow() {
        List<double[]> rows = new ArrayList<>();
        for (double c : new double[]{104, 103, 104, 101, 100}) rows.add(new double[]{c, c, c, c});
        double entry = 100;
        rows.add(new double[]{entry, entry, entry * 0.9, entry * 0.9});
        rows.add(new double[]{90, 90, 90, 90});
        rows.add(new double[]{90, 90, 90, 90});
        MetaExample e = first(series(rows), CFG);
        assertEquals(-1, e.side());
        assertTrue(e.grossReturn() > 0 && e.win30m(), "a short gains when the price falls");
    }

    @Test
    void nothingAfterTheDecisionChangesItsFeaturesAndNothingAfterItsCloseChangesItsLabel() {
        Random rnd = new Random(7);
        List<double[]> rows = new ArrayList<>();
        double p = 100;
        for (int i = 0; i < 400; i++) {
            double o = p;
            p *= Math.exp(rnd.nextGaussian() * 0.01);
            rows.add(new double[]{o, Math.max(o, p) * 1.002, Math.min(o, p) * 0.998, p});
        }
        BarMetaLabels.Config cfg = new BarMetaLabels.Config(8, 5, 6, 1, 1, 20, 0.00075);
        List<MetaExample> base = BarMetaLabels.of(series(rows), cfg, null);
        assertTrue(base.size() > 50);
        for (MetaExample e : base.subList(10, 40)) {
            int decisionRow = (int) ((e.decisionTime().getEpochSecond() - T0.getEpochSecond()) / 3600) - 1;
            int closedRow = (int) ((e.closedTime().getEpochSecond() - T0.getEpochSecond()) / 3600) - 1;
            assertTrue(closedRow > decisionRow && closedRow <= decisionRow + 6);
            List<double[]> afterDecision = scramble(rows, decisionRow + 1, rnd);
            MetaExample f = find(BarMetaLabels.of(series(afterDecision), cfg, null), e.decisionTime());
            assertEquals(e.side(), f.side());
            assertArrayEquals(e.features(), f.features(), "features from bars up to the decision only");
            List<double[]> afterClose = scramble(rows, closedRow + 1, rnd);
            MetaExample g = find(BarMetaLabels.of(series(afterClose), cfg, null), e.decisionTime());
            assertEquals(e.grossReturn(), g.grossReturn(), 0);
            assertEquals(e.closedTime(), g.closedTime());
            assertEquals(e.win30m(), g.win30m());
        }
        assertTrue(base.stream().allMatch(e -> (e.decisionTime().getEpochSecond() / 3600 - 1) % 5 == 0), "events on bar times that are multiples of every");
    }

    @Test
    void rowFeaturesAreReadAtTheDecisionRowAndARowOfTheWrongLengthIsABug() {
        List<Integer> asked = new ArrayList<>();
        BarMetaLabels.RowFeatures rows = new BarMetaLabels.RowFeatures() {
            @Override public List<String> names() { return List.of("ret_1"); }
            @Override public double[] at(int row) { asked.add(row); return new double[]{row}; }
        };
        BarSeries s = series(withWarmup(new double[]{104, 104, 104, 104}, new double[]{104, 104, 104, 104}, new double[]{104, 104, 104, 104}));
        MetaExample e = BarMetaLabels.of(s, CFG, rows).get(0);
        assertEquals(List.of("side", "primary.momentum_z", "primary.sigma", "market.ret_1"), BarMetaLabels.featureNames(rows));
        assertEquals(List.of(4), asked);
        assertEquals(4.0, e.feature(3));
        BarMetaLabels.RowFeatures bad = new BarMetaLabels.RowFeatures() {
            @Override public List<String> names() { return List.of("a", "b"); }
            @Override public double[] at(int row) { return new double[]{1}; }
        };
        assertThrows(IllegalStateException.class, () -> BarMetaLabels.of(s, CFG, bad));
        assertThrows(IllegalArgumentException.class, () -> new BarMetaLabels.Config(4, 1, 3, 0, 1, 4, 0));
    }

    static List<double[]> scramble(List<double[]> rows, int from, Random rnd) {
        List<double[]> out = new ArrayList<>(rows);
        for (int i = from; i < out.size(); i++) {
            double c = 50 + 100 * rnd.nextDouble();
            out.set(i, new double[]{c, c * 1.05, c * 0.95, c});
        }
        return out;
    }

    static MetaExample find(List<MetaExample> ex, Instant t) {
        return ex.stream().filter(e -> e.decisionTime().equals(t)).findFirst().orElseThrow();
    }
}

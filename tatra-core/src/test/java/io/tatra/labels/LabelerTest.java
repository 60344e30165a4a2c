package io.tatra.labels;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LabelerTest {
    static BarSeries randomWalk(int n, long seed, double volOfBar, double drift) {
        Random rng = new Random(seed);
        BarSeries.Builder b = BarSeries.builder(Symbol.of("RWUSDT"), Interval.H1, n);
        double p = 100;
        long t0 = 1_700_000_000_000L / 3_600_000 * 3_600_000;
        for (int i = 0; i < n; i++) {
            double vol = volOfBar * (i / 2000 % 2 == 0 ? 1 : 4); // calm and wild stretches
            double next = p * Math.exp(drift + vol * rng.nextGaussian());
            double hi = Math.max(p, next) * Math.exp(Math.abs(vol * 0.5 * rng.nextGaussian()));
            double lo = Math.min(p, next) * Math.exp(-Math.abs(vol * 0.5 * rng.nextGaussian()));
            b.add(t0 + i * 3_600_000L, p, hi, lo, next, 10 + rng.nextInt(5));
            p = next;
        }
        return b.build();
    }

    @Test
    void directionClassesStayBalancedInCalmAndWildStretches() {
        BarSeries s = randomWalk(12_000, 1, 0.004, 0);
        LabelSet l = Labeler.compute(s, LabelConfig.defaults(4));
        for (int from : new int[]{0, 2000}) { // a calm stretch, then a wild one (4x the volatility)
            long[] c = new long[3];
            int total = 0;
            for (int i = from + 100; i < from + 1900; i++) if (l.valid()[i]) { c[l.direction()[i]]++; total++; }
            for (int k = 0; k < 3; k++) {
                double share = c[k] / (double) total;
                assertTrue(share > 0.25 && share < 0.42, "stretch " + from + ": class " + Direction.values()[k] + " share " + share + " " + Arrays.toString(c));
            }
        }
    }

    @Test
    void trendThresholdLeavesAboutAThirdOfARandomWalkSideways() {
        BarSeries s = randomWalk(12_000, 2, 0.004, 0);
        LabelSet l = Labeler.compute(s, LabelConfig.defaults(4));
        long[] c = l.classCounts(l.regime(), 3, 0);
        double sideways = c[Regime.SIDEWAYS.ordinal()] / (double) l.validCount();
        double bull = c[Regime.BULL.ordinal()] / (double) l.validCount();
        assertTrue(sideways > 0.25 && sideways < 0.45, "sideways share " + sideways + " " + Arrays.toString(c));
        assertTrue(Math.abs(bull - c[Regime.BEAR.ordinal()] / (double) l.validCount()) < 0.1, "bull and bear roughly even without drift");
        // with drift, bull dominates
        LabelSet up = Labeler.compute(randomWalk(12_000, 3, 0.004, 0.002), LabelConfig.defaults(4));
        long[] cu = up.classCounts(up.regime(), 3, 0);
        assertTrue(cu[Regime.BULL.ordinal()] > 3 * cu[Regime.BEAR.ordinal()], "drift up: " + Arrays.toString(cu));
    }

    @Test
    void labelsMatchTheirDefinitionsOnHandPickedRows() {
        BarSeries s = randomWalk(3000, 4, 0.005, 0);
        LabelConfig cfg = LabelConfig.defaults(6);
        LabelSet l = Labeler.compute(s, cfg);
        int checked = 0;
        for (int i = 0; i < s.size(); i += 37) {
            if (!l.valid()[i]) continue;
            double ret = Math.log(s.close(i + 6) / s.close(i));
            assertEquals(ret, l.forwardReturn()[i], 1e-12);
            double ss = 0;
            for (int k = i + 1; k <= i + 6; k++) ss += Math.pow(Math.log(s.close(k) / s.close(k - 1)), 2);
            assertEquals(Math.sqrt(ss / 6), l.forwardVolatility()[i], 1e-12);
            double[] r = new double[64];
            for (int k = 0; k < 64; k++) r[k] = Math.log(s.close(i - 63 + k) / s.close(i - 64 + k));
            double mu = Arrays.stream(r).average().orElseThrow(), var = 0;
            for (double x : r) var += (x - mu) * (x - mu) / 63;
            assertEquals(Math.sqrt(var), l.sigma()[i], 1e-9 * Math.sqrt(var));
            double z = ret / (Math.sqrt(var) * Math.sqrt(6));
            int expected = z > 0.4307 ? 2 : z < -0.4307 ? 0 : 1;
            assertEquals(expected, l.direction()[i], "direction at " + i);
            // triple barrier by a plain scan
            double tp = s.close(i) * Math.exp(Math.sqrt(var * 6)), sl = s.close(i) * Math.exp(-Math.sqrt(var * 6));
            int outcome = 0, bars = 6;
            for (int k = i + 1; k <= i + 6; k++) {
                if (s.low(k) <= sl) { outcome = -1; bars = k - i; break; }
                if (s.high(k) >= tp) { outcome = 1; bars = k - i; break; }
            }
            assertEquals(outcome, l.barrier()[i], "barrier at " + i);
            assertEquals(bars, l.barrierBars()[i], "barrier time at " + i);
            checked++;
        }
        assertTrue(checked > 50);
    }

    @Test
    void rowsThatNeedBarsPastTheEndOrAcrossAGapAreDropped() {
        BarSeries s = randomWalk(600, 5, 0.004, 0);
        LabelConfig cfg = LabelConfig.defaults(4);
        LabelSet l = Labeler.compute(s, cfg);
        for (int i = s.size() - cfg.lookahead(); i < s.size(); i++) assertFalse(l.valid()[i], "row " + i + " needs bars past the end");
        assertTrue(l.valid()[s.size() - cfg.lookahead() - 1]);
        for (int i = 0; i < cfg.volLookback(); i++) assertFalse(l.valid()[i], "row " + i + " has no trailing σ");
        // remove bar 300: rows whose forward span or σ window crosses it are invalid
        BarSeries.Builder b = BarSeries.builder(s.symbol(), s.interval());
        for (int i = 0; i < s.size(); i++) if (i != 300) b.add(s.openTimeMillis(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
        LabelSet g = Labeler.compute(b.build(), cfg);
        for (int i = 300 - cfg.lookahead(); i < 300 + cfg.volLookback(); i++) assertFalse(g.valid()[i], "row " + i + " spans the gap");
        // labels never look at the past beyond σ: changing bars before i - volLookback leaves row i unchanged
        assertEquals(l.forwardReturn()[200], g.forwardReturn()[200]);
    }

    @Test
    void futureBarsBeyondTheLookaheadDoNotMoveLabels() {
        BarSeries s = randomWalk(800, 6, 0.004, 0);
        LabelConfig cfg = LabelConfig.defaults(4);
        LabelSet full = Labeler.compute(s, cfg);
        int cut = 500;
        LabelSet cutSet = Labeler.compute(s.range(0, cut + cfg.lookahead() + 1), cfg);
        for (int i = 0; i <= cut; i++) {
            assertEquals(full.valid()[i], cutSet.valid()[i]);
            assertEquals(full.direction()[i], cutSet.direction()[i]);
            assertEquals(full.regime()[i], cutSet.regime()[i]);
            assertEquals(full.barrier()[i], cutSet.barrier()[i]);
            assertEquals(Double.doubleToLongBits(full.forwardVolatility()[i]), Double.doubleToLongBits(cutSet.forwardVolatility()[i]));
        }
    }

    @Test
    void syntheticTrueRegimeIsCarriedAndTrendScanningAgreesWithItMoreThanChance() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 8000, Interval.H1, 7));
        BarSeries s = m.series(m.config().symbols().get(0));
        LabelSet l = Labeler.compute(s, LabelConfig.defaults(4), m.regimes());
        int agree = 0, total = 0;
        for (int i = 0; i < s.size(); i++) {
            assertEquals(m.regime(i).ordinal(), l.trueRegime()[i]);
            if (!l.valid()[i]) continue;
            total++;
            if (l.regime()[i] == l.trueRegime()[i]) agree++;
        }
        assertTrue(agree / (double) total > 0.36, "trend-scanning regime agrees with the truth on " + agree + "/" + total);
    }
}

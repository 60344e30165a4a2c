package io.tatra.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DieboldMarianoTest {
    @Test
    void matchesTheStatisticWorkedByHand() {
        // d = 1, 2, 3, 4: mean 2.5, variance 1.25 (divisor T), DM = 2.5 / sqrt(1.25 / 4) = 4.4721; HLN factor for h = 1: sqrt(3 / 4)
        DieboldMariano r = DieboldMariano.test(new long[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4}, new double[4], 1);
        assertEquals(4, r.bars());
        assertEquals(2.5, r.meanDiff(), 1e-12);
        assertEquals(4.472136 * Math.sqrt(0.75), r.statistic(), 1e-5);
        assertEquals(Normal.cdf(4.472136 * Math.sqrt(0.75)), r.pValue(), 1e-9);
        assertFalse(r.challengerBetter(0.05), "a worse challenger is never better");
    }

    @Test
    void findsAClearlyBetterChallengerAndNotANoisyEqualOne() {
        Random rnd = new Random(7);
        int n = 2000;
        long[] t = new long[n];
        double[] inc = new double[n], better = new double[n], equal = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            inc[i] = 1 + rnd.nextGaussian() * 0.3;
            better[i] = inc[i] - 0.05 + rnd.nextGaussian() * 0.3;
            equal[i] = inc[i] + rnd.nextGaussian() * 0.3;
        }
        DieboldMariano b = DieboldMariano.test(t, better, inc, 1);
        assertTrue(b.challengerBetter(0.001), "p = " + b.pValue());
        DieboldMariano e = DieboldMariano.test(t, equal, inc, 1);
        assertFalse(e.challengerBetter(0.01), "p = " + e.pValue());
    }

    @Test
    void overlappingLabelsWidenTheVarianceAndSymbolsAtOneTimeCountOnce() {
        Random rnd = new Random(11);
        int n = 1500, h = 6;
        double[] shock = new double[n + h];
        for (int i = 0; i < shock.length; i++) shock[i] = rnd.nextGaussian();
        long[] t = new long[n];
        double[] d = new double[n], zero = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            double s = 0;
            for (int j = 0; j < h; j++) s += shock[i + j]; // MA(h-1): what overlapping h-bar labels produce
            d[i] = s / h - 0.08;
        }
        DieboldMariano naive = DieboldMariano.test(t, d, zero, 1), hac = DieboldMariano.test(t, d, zero, h);
        assertEquals(h - 1, hac.lag());
        assertTrue(hac.pValue() > naive.pValue() * 10, "naive p " + naive.pValue() + ", HAC p " + hac.pValue());

        // two symbols at each time with opposite differentials average to zero: no evidence either way
        long[] t2 = {1, 1, 2, 2, 3, 3};
        double[] c2 = {1, -1, 2, -2, 0.5, -0.5};
        DieboldMariano pooled = DieboldMariano.test(t2, c2, new double[6], 1);
        assertEquals(3, pooled.bars());
        assertEquals(0, pooled.meanDiff(), 1e-12);
    }

    @Test
    void refusesMismatchedOrTooShortInput() {
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new long[2], new double[3], new double[2], 1));
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new long[]{5, 5}, new double[2], new double[2], 1));
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new long[]{1, 2}, new double[]{Double.NaN, 0}, new double[2], 1));
    }
}

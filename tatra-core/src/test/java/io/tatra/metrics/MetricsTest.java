package io.tatra.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MetricsTest {
    @Test
    void logLossAndAccuracyByHand() {
        double[] p = {0.7, 0.2, 0.1, 0.1, 0.3, 0.6};
        int[] y = {0, 1};
        assertEquals(-(Math.log(0.7) + Math.log(0.3)) / 2, Metrics.logLoss(p, y, 3), 1e-12);
        assertArrayEquals(new int[]{0, 2}, Metrics.argmax(p, 3));
        assertEquals(0.5, Metrics.accuracy(Metrics.argmax(p, 3), y));
        // a zero probability on the truth costs -log(EPS), not infinity
        assertEquals(-Math.log(Metrics.EPS), Metrics.logLoss(new double[]{1, 0, 0}, new int[]{1}, 3), 1e-9);
    }

    @Test
    void balancedAccuracyIgnoresClassImbalance() {
        // 8 of class 0 all right, 2 of class 1 all wrong: accuracy 0.8, balanced 0.5
        int[] y = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, pred = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(0.8, Metrics.accuracy(pred, y), 1e-12);
        assertEquals(0.5, Metrics.balancedAccuracy(pred, y, 3), 1e-12);
    }

    @Test
    void macroF1ByHand() {
        int[] y = {0, 0, 1, 1, 2, 2}, pred = {0, 1, 1, 1, 2, 0};
        // class 0: tp1 fp1 fn1 -> 0.5; class 1: tp2 fp1 fn0 -> 0.8; class 2: tp1 fp0 fn1 -> 2/3
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, Metrics.macroF1(pred, y, 3), 1e-12);
    }

    @Test
    void eceIsZeroWhenConfidenceMatchesAccuracyAndLargeWhenOverconfident() {
        // top prob 0.5 in every row, right half the time
        double[] p = {0.5, 0.25, 0.25, 0.5, 0.25, 0.25};
        assertEquals(0, Metrics.ece(p, new int[]{0, 1}, 3, 10), 1e-12);
        double[] over = {0.95, 0.05, 0, 0.95, 0.05, 0};
        assertEquals(0.95, Metrics.ece(over, new int[]{1, 1}, 3, 10), 1e-12);
    }

    @Test
    void qlikeIsZeroForPerfectForecastsAndPenalizesUnderPredictionMore() {
        double[] rv = {1e-4, 4e-4};
        assertEquals(0, Metrics.qlike(rv, rv), 1e-12);
        double under = Metrics.qlike(new double[]{0.5e-4, 2e-4}, rv), over = Metrics.qlike(new double[]{2e-4, 8e-4}, rv);
        assertTrue(under > over, under + " vs " + over);
    }

    @Test
    void correlationsRanksAndHitRate() {
        double[] a = {1, 2, 3, 4}, b = {10, 20, 30, 1000};
        assertEquals(1, Metrics.spearman(a, b), 1e-12);
        assertTrue(Metrics.pearson(a, b) < 0.9);
        assertEquals(-1, Metrics.pearson(a, new double[]{4, 3, 2, 1}), 1e-12);
        assertArrayEquals(new double[]{1.5, 1.5, 3}, Metrics.ranks(new double[]{5, 5, 7}));
        assertTrue(Double.isNaN(Metrics.pearson(a, new double[]{1, 1, 1, 1})), "a constant forecast has no IC");
        assertEquals(2.0 / 3, Metrics.hitRate(new double[]{1, -1, 1, 5}, new double[]{2, 3, 0.5, 0}), 1e-12);
        assertEquals(1 - 4 / (78.0 / 9), Metrics.r2(new double[]{1, 2, 3}, new double[]{1, 2, 5}), 1e-12);
    }

    @Test
    void huberIsQuadraticThenLinear() {
        assertEquals(0.5 * 0.25, Metrics.huber(new double[]{0}, new double[]{1}, 2), 1e-12);
        assertEquals(3 - 0.5, Metrics.huber(new double[]{0}, new double[]{6}, 2), 1e-12);
    }

    @Test
    void mismatchedOrEmptyInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.pearson(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.qlike(new double[0], new double[0]));
    }

    static double[] constantProbs(int n) {
        double[] p = new double[n * 3];
        for (int i = 0; i < n; i++) { p[i * 3] = 0.5; p[i * 3 + 1] = 0.2; p[i * 3 + 2] = 0.3; }
        return p;
    }

    @Test
    void contradictionRate() {
        int n = 100;
        double[] dir = new double[n * 3], reg = new double[n * 3], ret = new double[n];
        for (int i = 0; i < n; i++) {
            double s = (i - 49.5) / 50; // bullish for i >= 50
            dir[i * 3 + 2] = 0.33 + s / 4; dir[i * 3] = 0.33 - s / 4; dir[i * 3 + 1] = 0.34;
            reg[i * 3] = 0.33 + s / 4; reg[i * 3 + 1] = 0.33 - s / 4; reg[i * 3 + 2] = 0.34;
            ret[i] = s;
        }
        assertEquals(0, Consistency.contradictionRate(fc(dir, reg, ret), 0.7), 1e-12);
        double[] flipped = new double[n];
        for (int i = 0; i < n; i++) flipped[i] = -ret[i];
        assertEquals(1, Consistency.contradictionRate(fc(dir, reg, flipped), 0.7), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Consistency.contradictionRate(fc(dir, null, ret), 0.7));
        // a head that always leans the same way says nothing: it is never confident, so it neither agrees nor contradicts
        double[] constant = new double[n];
        java.util.Arrays.fill(constant, -0.01);
        assertEquals(0, Consistency.contradictionRate(fc(dir, reg, constant), 0.7), 1e-12,
                "direction and regime agree; the constant return head takes no side");
        assertTrue(Double.isNaN(Consistency.contradictionRate(fc(dir, constantProbs(n), constant), 0.7)),
                "only one informative head: no window has two confident heads");
    }

    private static io.tatra.forecast.Forecasts fc(double[] dir, double[] reg, double[] ret) {
        var f = io.tatra.forecast.Forecasts.none(ret.length).with(io.tatra.forecast.CoreTasks.DIRECTION, dir).with(io.tatra.forecast.CoreTasks.RETURN, ret);
        return reg == null ? f : f.with(io.tatra.forecast.CoreTasks.REGIME, reg);
    }

    @Test
    void aucIsTheShareOfPositiveNegativePairsRankedRightWithTiesAsHalf() {
        // pairs (pos, neg): (0.9, 0.1) right, (0.9, 0.5) right, (0.5, 0.1) right, (0.5, 0.5) tie → 3.5 / 4
        assertEquals(0.875, Metrics.auc(new double[]{0.9, 0.5, 0.5, 0.1}, new boolean[]{true, true, false, false}), 1e-12);
        assertEquals(0.0, Metrics.auc(new double[]{0.1, 0.9}, new boolean[]{true, false}), 1e-12);
        assertTrue(Double.isNaN(Metrics.auc(new double[]{0.1, 0.9}, new boolean[]{true, true})));
        java.util.Random r = new java.util.Random(1);
        int n = 20_000;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) { s[i] = r.nextDouble(); y[i] = r.nextBoolean(); }
        assertEquals(0.5, Metrics.auc(s, y), 0.02, "random scores");
    }

    @Test
    void mutualInformationIsZeroForIndependenceAndTheLabelEntropyForADeterministicLabel() {
        java.util.Random r = new java.util.Random(2);
        int n = 30_000;
        double[] x = new double[n];
        int[] independent = new int[n], determined = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            independent[i] = r.nextInt(3);
            determined[i] = x[i] < -0.43 ? 0 : x[i] > 0.43 ? 2 : 1; // about equal thirds: entropy log2(3)
        }
        assertEquals(0, Metrics.mutualInformation(x, independent, 3, 10), 0.002);
        assertEquals(Math.log(3) / Math.log(2), Metrics.mutualInformation(x, determined, 3, 30), 0.1);
        double[] withNan = x.clone();
        for (int i = 0; i < n; i += 7) withNan[i] = Double.NaN;
        assertTrue(Metrics.mutualInformation(withNan, determined, 3, 10) > 0.5, "NaN is a bin of its own, the rest still informs");
    }
}

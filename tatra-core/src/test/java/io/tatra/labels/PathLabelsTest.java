package io.tatra.labels;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PathLabelsTest {
    static final long H = 3_600_000L;

    /** Bars with the given closes; each bar's open is the previous close, high/low 0.1 % around its body. */
    static BarSeries bars(double... close) {
        BarSeries.Builder b = BarSeries.builder(Symbol.of("BTCUSDT"), Interval.H1);
        for (int i = 0; i < close.length; i++) {
            double o = i == 0 ? close[0] : close[i - 1], c = close[i];
            b.add(i * H, o, Math.max(o, c) * 1.001, Math.min(o, c) * 0.999, c, 1);
        }
        return b.build();
    }

    static int[] runs(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i; return r; }

    static double[] flatThen(double... tail) {
        double[] c = new double[PathLabels.RANGE_BARS + tail.length];
        java.util.Arrays.fill(c, 100);
        for (int i = 0; i < PathLabels.RANGE_BARS; i++) c[i] = 100 + (i % 2 == 0 ? 0.5 : -0.5); // a range of about 99.4 .. 100.6
        System.arraycopy(tail, 0, c, PathLabels.RANGE_BARS, tail.length);
        return c;
    }

    @Test
    void breakoutsUpAndDownRangeAndContinuation() {
        int t = PathLabels.RANGE_BARS - 1, h = 4;
        assertEquals(PathLabels.BREAKOUT_UP, PathLabels.pattern(bars(flatThen(100, 100.2, 102, 100)), runs(28), t, h, 0.001));
        assertEquals(PathLabels.BREAKOUT_DOWN, PathLabels.pattern(bars(flatThen(100, 98, 100, 100)), runs(28), t, h, 0.001));
        assertEquals(PathLabels.RANGE, PathLabels.pattern(bars(flatThen(100, 100.1, 99.9, 100)), runs(28), t, h, 0.001));
        assertEquals(1.0, PathLabels.breakout(bars(flatThen(100, 100.2, 102, 100)), runs(28), t, h));
        assertEquals(0.0, PathLabels.breakout(bars(flatThen(100, 100.1, 99.9, 100)), runs(28), t, h));
    }

    @Test
    void aContinuationMovesWithTheTrailingTrendInsideTheRange() {
        double[] c = new double[PathLabels.RANGE_BARS + 4];
        for (int i = 0; i < PathLabels.RANGE_BARS; i++) c[i] = 95 + 10.0 * i / PathLabels.RANGE_BARS + (i % 2 == 0 ? 3 : -3); // up-trend, wide range
        int t = PathLabels.RANGE_BARS - 1;
        c[t] = 100;
        c[t + 1] = 100.2; c[t + 2] = 100.4; c[t + 3] = 100.6; c[t + 4] = 100.8;
        assertEquals(PathLabels.CONTINUATION, PathLabels.pattern(bars(c), runs(c.length), t, 4, 0.002));
        assertEquals(PathLabels.RANGE, PathLabels.pattern(bars(c), runs(c.length), t, 4, 0.02), "the same move is no continuation when sigma is ten times larger");
    }

    @Test
    void readsNothingAfterTheHorizonAndNeedsAWholeRun() {
        int t = PathLabels.RANGE_BARS - 1, h = 3;
        double a = PathLabels.pattern(bars(flatThen(100, 100.1, 99.9, 150)), runs(28), t, h, 0.001);
        double b = PathLabels.pattern(bars(flatThen(100, 100.1, 99.9, 50)), runs(28), t, h, 0.001);
        assertEquals(a, b, "bar t+4 is beyond the horizon");
        assertTrue(Double.isNaN(PathLabels.pattern(bars(flatThen(100, 100)), runs(26), t, h, 0.001)), "the future is not all there");
        int[] gap = runs(28);
        for (int i = 25; i < 28; i++) gap[i] = i - 25; // a new run starts at row 25
        assertTrue(Double.isNaN(PathLabels.pattern(bars(flatThen(100, 100, 100, 100)), gap, t, h, 0.001)));
        assertTrue(Double.isNaN(PathLabels.pattern(bars(flatThen(100, 100, 100, 100)), runs(28), 5, h, 0.001)), "no full trailing range");
    }

    @Test
    void aReversalIsARegimeChangeWithinTheHorizon() {
        int n = 8;
        boolean[] valid = new boolean[n];
        java.util.Arrays.fill(valid, true);
        LabelSet l = RegimeDurationTest.labels(new byte[]{0, 0, 0, 1, 1, 1, 1, 1}, valid);
        assertEquals(0.0, PathLabels.reversal(l, runs(n), 0, 2));
        assertEquals(1.0, PathLabels.reversal(l, runs(n), 0, 3));
        assertEquals(0.0, PathLabels.reversal(l, runs(n), 3, 4));
        assertTrue(Double.isNaN(PathLabels.reversal(l, runs(n), 5, 4)));
        valid[2] = false;
        assertTrue(Double.isNaN(PathLabels.reversal(l, runs(n), 0, 3)), "an invalid regime label in the horizon");
    }
}

package io.tatra.labels;

import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RegimeDurationTest {
    static LabelSet labels(byte[] regime, boolean[] valid) {
        int n = regime.length;
        return new LabelSet(Symbol.of("BTCUSDT"), LabelConfig.defaults(4), new long[n], valid, new byte[n], new double[n], new double[n], regime,
                new byte[n], new byte[n], new short[n], new double[n], new short[n], new double[n]);
    }

    static boolean[] all(int n) { boolean[] v = new boolean[n]; java.util.Arrays.fill(v, true); return v; }

    static int[] runs(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i; return r; }

    @Test
    void countsBarsToTheFirstChangeAndCensorsTheLastRegime() {
        byte[] r = {0, 0, 0, 1, 1, 2, 2, 2};
        assertArrayEquals(new int[]{3, 2, 1, 2, 1, -1, -1, -1}, RegimeDuration.barsToChange(labels(r, all(8)), runs(8)));
    }

    @Test
    void readsOnlyUpToTheFirstChange() {
        byte[] a = {0, 0, 1, 1, 1, 1}, b = {0, 0, 1, 2, 0, 1};
        assertEquals(RegimeDuration.barsToChange(labels(a, all(6)), runs(6))[0], RegimeDuration.barsToChange(labels(b, all(6)), runs(6))[0],
                "what happens after the first change does not move the label");
        assertEquals(2, RegimeDuration.barsToChange(labels(b, all(6)), runs(6))[0]);
    }

    @Test
    void aGapOrAnInvalidRowBeforeAnyChangeCensors() {
        byte[] r = {0, 0, 0, 0, 1, 1};
        int[] gap = {0, 1, 2, 0, 1, 2}; // a new run starts at row 3
        assertArrayEquals(new int[]{-1, -1, -1, 1, -1, -1}, RegimeDuration.barsToChange(labels(r, all(6)), gap));
        boolean[] valid = all(6);
        valid[2] = false;
        assertArrayEquals(new int[]{-1, -1, -1, 1, -1, -1}, RegimeDuration.barsToChange(labels(r, valid), runs(6)));
        assertThrows(IllegalArgumentException.class, () -> RegimeDuration.barsToChange(labels(r, all(6)), new int[5]));
    }
}

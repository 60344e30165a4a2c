package io.tatra.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MarketValuesTest {
    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void barRefusesImpossibleValuesWithClearMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bar.of(T, 10, 9, 11, 10, 1)).getMessage().contains("high 9.0 < low 11.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bar.of(T, -1, 9, 1, 5, 1)).getMessage().contains("open -1.0 must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bar.of(T, 5, 9, 1, 5, -1)).getMessage().contains("volume -1.0 must be >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bar.of(T, 5, Double.NaN, 1, 5, 1)).getMessage().contains("not a finite number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bar.of(T, 12, 11, 1, 5, 1)).getMessage().contains("outside [low"));
        assertEquals(5, Bar.of(T, 5, 9, 1, 5, 0).close());
    }

    @Test
    void otherRecordsValidate() {
        Symbol s = Symbol.of("btc/usdt");
        assertEquals("BTCUSDT", s.value());
        assertThrows(IllegalArgumentException.class, () -> Symbol.of("B"));
        assertThrows(IllegalArgumentException.class, () -> new FundingRate(s, T, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new OpenInterest(s, T, -1));
        assertThrows(IllegalArgumentException.class, () -> new Trade(s, T, 0, 1, Side.BUY, "1"));
        assertThrows(IllegalArgumentException.class, () -> new OrderBookSnapshot(s, T, List.of(new BookLevel(101, 1)), List.of(new BookLevel(100, 1))));
        assertThrows(IllegalArgumentException.class, () -> new OrderBookSnapshot(s, T, List.of(new BookLevel(99, 1), new BookLevel(99.5, 1)), List.of()));
        var book = new OrderBookSnapshot(s, T, List.of(new BookLevel(99, 3), new BookLevel(98, 1)), List.of(new BookLevel(100, 1)));
        assertEquals((4 - 1) / 5.0, book.imbalance(20), 1e-12);
        assertEquals(Interval.H1, Interval.parse("60m"));
        assertEquals(Interval.D1, Interval.parse("1D"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Interval.parse("7h")).getMessage().contains("expected one of"));
        assertThrows(IllegalArgumentException.class, () -> Instrument.usdtPerpetual(""));
    }

    @Test
    void seriesBuilderRefusesDisorderAndMisalignment() {
        var b = BarSeries.builder(Symbol.of("BTCUSDT"), Interval.H1);
        b.add(T.toEpochMilli(), 1, 2, 0.5, 1.5, 1);
        assertThrows(IllegalArgumentException.class, () -> b.add(T.toEpochMilli(), 1, 2, 0.5, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> b.add(T.toEpochMilli() + 60_000, 1, 2, 0.5, 1.5, 1));
        b.add(T.toEpochMilli() + 3 * 3_600_000, 1, 2, 0.5, 1.5, 1);
        BarSeries s = b.build();
        assertEquals(2, s.missingBars());
        assertEquals(1, s.lowerBound(T.toEpochMilli() + 1));
        assertEquals(1, s.slice(T.plusSeconds(1), null).size());
    }

    @Test
    void resampleFiveMinutesToHourAggregatesOhlcvAndListsIncompleteBuckets() {
        var b = BarSeries.builder(Symbol.of("BTCUSDT"), Interval.M5);
        long t0 = T.toEpochMilli() - 2 * 300_000; // two bars of the previous hour: an incomplete first bucket
        double price = 100;
        for (int i = 0; i < 2 + 12 + 5; i++) {
            if (i == 2 + 12 + 2) continue; // a gap inside the last hour
            double o = price, c = price + (i % 3 == 0 ? 1 : -0.5);
            b.add(t0 + i * 300_000L, o, Math.max(o, c) + 0.25, Math.min(o, c) - 0.25, c, 1 + i, 10.0 * (1 + i), 5);
            price = c;
        }
        BarSeries m5 = b.build();
        var dropped = Resampler.resample(m5, Interval.H1, Resampler.Incomplete.DROP);
        assertEquals(1, dropped.series().size());
        assertEquals(2, dropped.incomplete().size());
        BarSeries h = dropped.series();
        int first = 2, last = 13;
        assertEquals(T, h.openTime(0));
        assertEquals(m5.open(first), h.open(0));
        assertEquals(m5.close(last), h.close(0));
        double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, vol = 0;
        for (int i = first; i <= last; i++) { hi = Math.max(hi, m5.high(i)); lo = Math.min(lo, m5.low(i)); vol += m5.volume(i); }
        assertEquals(hi, h.high(0));
        assertEquals(lo, h.low(0));
        assertEquals(vol, h.volume(0), 1e-12);
        assertEquals(12 * 5, h.tradeCount(0));
        var kept = Resampler.resample(m5, Interval.H1, Resampler.Incomplete.KEEP);
        assertEquals(3, kept.series().size());
        assertEquals(4, kept.incomplete().get(1).bars());
        assertEquals(12, kept.incomplete().get(1).expected());
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(h, Interval.M5, Resampler.Incomplete.DROP));
    }

    @Test
    void resampleHourToFourHoursOnTheUtcGrid() {
        var b = BarSeries.builder(Symbol.of("ETHUSDT"), Interval.H1);
        for (int i = 0; i < 8; i++) b.add(T.toEpochMilli() + i * 3_600_000L, 10 + i, 11 + i, 9 + i, 10.5 + i, 1);
        var r = Resampler.resample(b.build(), Interval.H4, Resampler.Incomplete.DROP);
        assertEquals(2, r.series().size());
        assertEquals(10, r.series().open(0));
        assertEquals(13.5, r.series().close(0));
        assertEquals(14, r.series().high(0));
        assertEquals(4, r.series().volume(0));
        assertTrue(r.incomplete().isEmpty());
    }
}

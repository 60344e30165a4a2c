package io.tatra.live;

import io.tatra.bybit.protocol.Kline;
import io.tatra.market.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ClosedBarFeedTest {
    private static final long H = 3_600_000L, T0 = 1_704_067_200_000L;

    private static Kline bar(int i) {
        BigDecimal p = BigDecimal.valueOf(100 + i);
        return new Kline(T0 + i * H, p, p.add(BigDecimal.ONE), p.subtract(BigDecimal.ONE), p, BigDecimal.TEN, BigDecimal.TEN);
    }

    @Test
    void repeatsAreIgnoredAndAHoleIsFilledFromHistoryInOrder() {
        List<Long> out = new ArrayList<>();
        List<long[]> asked = new ArrayList<>();
        ClosedBarFeed feed = new ClosedBarFeed("BTCUSDT", Interval.H1, T0 + 2 * H, (s, iv, from, to) -> {
            asked.add(new long[]{from, to});
            List<Kline> h = new ArrayList<>();
            for (int i = 0; i < 10; i++) if (bar(i).startTime() >= from && bar(i).startTime() <= to && i != 5) h.add(bar(i)); // the venue lacks bar 5
            return h;
        }, k -> out.add(k.startTime()));
        assertEquals(1, feed.onClosed(bar(3)));
        assertEquals(0, feed.onClosed(bar(3)), "a duplicate");
        assertEquals(0, feed.onClosed(bar(2)), "an old bar");
        assertEquals(3, feed.onClosed(bar(7)), "bars 4 and 6 from history, then 7; 5 does not exist at the venue");
        assertEquals(1, asked.size(), "one history request");
        assertArrayEquals(new long[]{T0 + 4 * H, T0 + 6 * H}, asked.get(0), "for exactly the hole [4, 6]");
        assertEquals(0, feed.onClosed(bar(4)), "the late original of a backfilled bar is a repeat");
        assertEquals(List.of(T0 + 3 * H, T0 + 4 * H, T0 + 6 * H, T0 + 7 * H), out);
        assertEquals(2, feed.backfilled());
        assertEquals(1, feed.venueGaps());
        assertEquals(3, feed.repeats());
        assertThrows(IllegalArgumentException.class, () -> feed.onClosed(new Kline(T0 + 8 * H + 60_000, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE)), "off the hour grid");
    }
}

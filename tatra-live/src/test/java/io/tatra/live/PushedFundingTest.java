package io.tatra.live;

import io.tatra.market.FundingRate;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PushedFundingTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT"), ETH = Symbol.of("ETHUSDT");
    private static final long H = 3_600_000L, T = 8 * H;

    @Test
    void aSettlementComesFromTheStreamOnlyWhenAFrameJustBeforeItAnnouncedIt() {
        PushedFunding p = new PushedFunding(1_000);
        assertNull(p.fundingSince(BTC, 0, T), "nothing announced: REST answers");

        p.onTicker(BTC, T - 5 * H, 0.0002, T);     // hours ahead: a prediction, not the rate that settles
        assertNull(p.fundingSince(BTC, 0, T), "announced only long before the settlement");

        p.onTicker(BTC, T - 80, Double.NaN, 0);    // a delta silent on funding vouches for nothing (the merged rate may be stale)
        assertNull(p.fundingSince(BTC, 0, T));
        p.onTicker(BTC, T - 60, 0.0002, 0);        // the rate carried just before T
        List<FundingRate> got = p.fundingSince(BTC, 0, T);
        assertEquals(1, got.size());
        assertEquals(T, got.get(0).time().toEpochMilli());
        assertEquals(0.0002, got.get(0).rate(), 0);

        p.onTicker(BTC, T + 50, 0.0001, 2 * T);    // after the settlement the ticker moves on; T's rate stays as announced
        p.onTicker(BTC, T + 100, 0.0003, 0);       // a frame after T no longer speaks for T
        assertEquals(0.0002, p.fundingSince(BTC, 0, T).get(0).rate(), 0);
        assertNull(p.fundingSince(BTC, T, 2 * T), "the next settlement not yet announced just before it");
        p.onTicker(BTC, 2 * T - 1, 0.0004, 2 * T);
        assertEquals(0.0004, p.fundingSince(BTC, T, 2 * T).get(0).rate(), 0);
        assertNull(p.fundingSince(BTC, 0, 2 * T), "two settlements in the span: REST says what settled");
        assertNull(p.fundingSince(ETH, 0, T), "each symbol on its own");

        p.reset();
        assertNull(p.fundingSince(BTC, T, 2 * T), "a reconnect forgets the announcements");
        assertArrayEquals(new long[] {3, 7}, p.counts());
        assertThrows(IllegalArgumentException.class, () -> p.onTicker(BTC, 0, Double.POSITIVE_INFINITY, T));
        assertThrows(IllegalArgumentException.class, () -> new PushedFunding(0));
    }
}

package io.tatra.live;

import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PushedOpenInterestTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT"), ETH = Symbol.of("ETHUSDT");
    private static final long H = 3_600_000L;

    @Test
    void aBarUsesThePushOnlyWhenTheLatestTickerIsStampedAtItsClose() {
        PushedOpenInterest p = new PushedOpenInterest(1_000);
        assertNull(p.since(BTC, H), "no frame yet: REST answers");

        p.onTicker(BTC, 2 * H - 40, 50_000);
        List<OpenInterest> got = p.since(BTC, 2 * H);
        assertEquals(1, got.size());
        assertEquals(50_000, got.get(0).value());
        assertEquals(2 * H, got.get(0).time().toEpochMilli(), "stamped at the bar's close");

        assertNull(p.since(BTC, 3 * H), "no frame near this close (late or lost): the push is not known to be current");

        p.onTicker(BTC, 4 * H - 500, Double.NaN); // half a second before the close: it may predate the close's change
        assertNull(p.since(BTC, 4 * H), "a frame more than one ticker period before the close does not vouch for it");
        p.onTicker(BTC, 4 * H + 30, Double.NaN); // a delta without open interest: unchanged
        assertEquals(List.of(), p.since(BTC, 4 * H), "current and unchanged: nothing new to deliver, no REST read");

        p.onTicker(BTC, 6 * H, 50_100);
        assertNull(p.since(BTC, 5 * H), "a bar fetched late over REST (closed an hour before the ticker) never takes a newer value");
        assertEquals(50_100, p.since(BTC, 6 * H).get(0).value());
        p.onTicker(BTC, 5 * H, 49_000); // a frame out of order does not move the stamp back
        assertEquals(49_000, p.since(BTC, 6 * H).get(0).value(), "the value is the latest received");

        assertNull(p.since(ETH, 6 * H), "each symbol on its own");
        assertArrayEquals(new long[] {4, 5}, p.counts(), "bars that used the push, bars that asked REST");
    }

    @Test
    void aReconnectForgetsEverythingPushedBeforeIt() {
        PushedOpenInterest p = new PushedOpenInterest(1_000);
        p.onTicker(BTC, H, 50_000);
        p.reset();
        assertNull(p.since(BTC, H), "nothing since the reconnect");
        p.onTicker(BTC, 2 * H, Double.NaN);
        assertEquals(List.of(), p.since(BTC, 2 * H), "a frame after the reconnect without open interest: no stale value delivered");
        p.onTicker(BTC, 3 * H, 50_200); // the snapshot
        assertEquals(50_200, p.since(BTC, 3 * H).get(0).value());
    }

    @Test
    void badValuesAndSettingsAreRefused() {
        PushedOpenInterest p = new PushedOpenInterest(1_000);
        assertThrows(IllegalArgumentException.class, () -> p.onTicker(BTC, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> p.onTicker(BTC, 0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new PushedOpenInterest(0));
    }
}

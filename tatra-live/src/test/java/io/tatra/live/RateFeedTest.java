package io.tatra.live;

import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RateFeedTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long H = 3_600_000L, T0 = 1_704_067_200_000L; // 2024-01-01, a funding time

    /** A venue history: funding every 8 h, open interest every hour, from T0 − 1 day; counts requests and returns events in any order. */
    static final class History implements RateFeed.Source {
        int fundingCalls, oiCalls;
        long lastTo;

        @Override
        public List<FundingRate> funding(Symbol s, long from, long to) {
            fundingCalls++;
            List<FundingRate> out = new ArrayList<>();
            for (long t = T0 - 24 * H; t <= T0 + 1000 * H; t += 8 * H) if (t >= from && t <= to) out.add(new FundingRate(s, Instant.ofEpochMilli(t), t / H * 1e-9));
            java.util.Collections.reverse(out); // newest first, as Bybit sends them
            return out;
        }

        @Override
        public List<OpenInterest> openInterest(Symbol s, long from, long to) {
            oiCalls++;
            lastTo = to;
            List<OpenInterest> out = new ArrayList<>();
            for (long t = T0 - 24 * H; t <= T0 + 1000 * H; t += H) if (t >= from && t <= to) out.add(new OpenInterest(s, Instant.ofEpochMilli(t), t / H));
            return out;
        }
    }

    static final class Recorder implements RateFeed.Sink {
        final List<Long> funding = new ArrayList<>(), oi = new ArrayList<>();

        @Override
        public void funding(FundingRate f) { funding.add(f.time().toEpochMilli()); }

        @Override
        public void openInterest(OpenInterest o) { oi.add(o.time().toEpochMilli()); }
    }

    @Test
    void eachEventOnceInOrderAtOrBeforeTheCloseFromTheFirstBarsOpenAndFundingAskedOnlyWhenDue() {
        History h = new History();
        Recorder r = new Recorder();
        RateFeed feed = new RateFeed(h, r, 8 * H);
        for (int i = 0; i < 24; i++) feed.upTo(BTC, T0 + i * H, T0 + (i + 1) * H);
        feed.upTo(BTC, T0 + 23 * H, T0 + 24 * H); // a repeat asks nothing and delivers nothing
        List<Long> oiTimes = new ArrayList<>();
        for (int i = 0; i <= 24; i++) oiTimes.add(T0 + i * H);
        assertEquals(oiTimes, r.oi, "every hourly point from the first bar's open to the last close, once, in order; none from before the first bar");
        assertEquals(List.of(T0, T0 + 8 * H, T0 + 16 * H, T0 + 24 * H), r.funding);
        assertEquals(24, h.oiCalls, "open interest is asked once per bar");
        assertTrue(h.fundingCalls <= 5, "funding is asked only when a settlement is due: " + h.fundingCalls + " requests for 24 bars");
    }

    @Test
    void aPrimedWarmUpAsksOnceAndThenDeliversFromMemoryUntilItsEnd() {
        History h = new History();
        Recorder r = new Recorder();
        RateFeed feed = new RateFeed(h, r, 8 * H);
        feed.prime(BTC, T0, T0 + 100 * H);
        for (int i = 0; i < 100; i++) feed.upTo(BTC, T0 + i * H, T0 + (i + 1) * H);
        assertEquals(1, h.oiCalls, "one request for the whole warm-up");
        assertEquals(1, h.fundingCalls);
        assertEquals(101, r.oi.size());
        assertEquals(13, r.funding.size());
        feed.upTo(BTC, T0 + 100 * H, T0 + 101 * H); // past the primed span: the venue is asked again, from the last delivered on
        assertEquals(2, h.oiCalls);
        assertEquals(T0 + 101 * H, r.oi.get(r.oi.size() - 1));
        assertEquals(102, r.oi.size(), "no repeat of the primed events");
        assertThrows(IllegalStateException.class, () -> feed.prime(BTC, T0, T0 + H), "priming after the first bar would replay events");
    }

    @Test
    void liveBarsTakeOpenInterestFromTheCurrentPushAndAskRestOnlyWhenItIsNot() {
        History h = new History();
        Recorder r = new Recorder();
        PushedOpenInterest push = new PushedOpenInterest(1_000);
        RateFeed feed = new RateFeed(h, r, 8 * H).withPushed(push);
        feed.prime(BTC, T0, T0 + 10 * H);
        for (int i = 0; i < 10; i++) feed.upTo(BTC, T0 + i * H, T0 + (i + 1) * H);
        assertEquals(1, h.oiCalls);
        push.onTicker(BTC, T0 + 11 * H, 12_345);
        feed.upTo(BTC, T0 + 10 * H, T0 + 11 * H);
        assertEquals(1, h.oiCalls, "the push was current: no REST read");
        assertEquals(T0 + 11 * H, r.oi.get(r.oi.size() - 1));
        // no frame stamped near the next close (a dropped or late ticker): REST answers, from the last delivered on
        feed.upTo(BTC, T0 + 11 * H, T0 + 12 * H);
        assertEquals(2, h.oiCalls);
        assertEquals(T0 + 12 * H, r.oi.get(r.oi.size() - 1));
        assertEquals(13, r.oi.size(), "each close once, whichever source answered");
    }

    @Test
    void aSettlementAnnouncedJustBeforeItNeedsNoRestRead() {
        History h = new History();
        Recorder r = new Recorder();
        PushedFunding funding = new PushedFunding(1_000);
        PushedOpenInterest oi = new PushedOpenInterest(1_000);
        RateFeed feed = new RateFeed(h, r, 8 * H).withPushed(new RateFeed.Pushed() {
            @Override
            public List<OpenInterest> since(Symbol s, long close) { return oi.since(s, close); }

            @Override
            public List<FundingRate> fundingSince(Symbol s, long after, long close) { return funding.fundingSince(s, after, close); }
        });
        feed.prime(BTC, T0, T0 + 8 * H); // the settlement at T0 + 8 h delivered from the primed history
        for (int i = 0; i < 8; i++) feed.upTo(BTC, T0 + i * H, T0 + (i + 1) * H);
        int calls = h.fundingCalls;
        for (int i = 8; i < 16; i++) {
            long close = T0 + (i + 1) * H;
            oi.onTicker(BTC, close, 1);
            if (close == T0 + 16 * H) funding.onTicker(BTC, close - 1, 5e-5, close); // announced the instant before it settles
            feed.upTo(BTC, T0 + i * H, close);
        }
        assertEquals(calls, h.fundingCalls, "the settlement at 16 h came from the stream");
        assertEquals(T0 + 16 * H, r.funding.get(r.funding.size() - 1));
        for (int i = 16; i < 24; i++) feed.upTo(BTC, T0 + i * H, T0 + (i + 1) * H); // not announced: REST
        assertEquals(calls + 1, h.fundingCalls);
        assertEquals(List.of(T0, T0 + 8 * H, T0 + 16 * H, T0 + 24 * H), r.funding, "each settlement once, whichever source answered");
    }
}

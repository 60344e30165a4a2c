package io.tatra.app;

import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The book at each close against a reference that knows every update in advance: 300 seeded random streams (updates a
 * few ms to three bars apart, levels set and deleted on both sides), each close asked for after zero to three updates
 * past it have arrived — the book must be the reference's state after the updates stamped at or before the close,
 * with the time of the last of them. Now and then the session is far behind (a dozen updates past the close): then the
 * book may be unknown, never another close's.
 */
class LiveBooksRandomTest {
    static final long H = 60_000, T0 = 1_700_000_040_000L / H * H;

    @Test
    void theBookAtEveryCloseIsTheStateAfterTheUpdatesUpToIt() {
        int checked = 0, unknown = 0;
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            // the stream: a snapshot, then deltas; times strictly increasing
            List<long[]> updates = new ArrayList<>(); // {time, side (0 bid, 1 ask), price, size}
            long t = T0 + rnd.nextLong(1, H);
            int n = 20 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                int side = rnd.nextInt(2);
                long price = side == 0 ? 90 + rnd.nextInt(10) : 101 + rnd.nextInt(10);
                long size = i == 0 ? 1 + rnd.nextInt(5) : rnd.nextInt(6); // 0 deletes the level
                updates.add(new long[]{t, side, price, size});
                t += rnd.nextBoolean() ? rnd.nextLong(1, 50) : rnd.nextLong(1, 3 * H);
            }
            LiveBooks books = new LiveBooks(List.of(LiveBooksTest.BTC), H, null);
            long firstClose = (updates.get(0)[0] / H + 1) * H, lastClose = updates.get(n - 1)[0] / H * H;
            int fed = 0;
            for (long close = firstClose; close <= lastClose; close += H) {
                // the updates up to the close have arrived, and up to three after it within two bars (the stream does not wait
                // for the kline; a session further behind than the books kept finds the close's book unknown, never wrong)
                while (fed < n && updates.get(fed)[0] <= close) feed(books, updates.get(fed), fed++);
                boolean behind = rnd.nextInt(10) == 0; // now and then the session is far behind the stream
                for (int extra = behind ? 12 : rnd.nextInt(4); extra > 0 && fed < n && (behind || updates.get(fed)[0] <= close + 2 * H); extra--) feed(books, updates.get(fed), fed++);
                OrderBookSnapshot got = books.at(LiveBooksTest.BTC, close);
                OrderBookSnapshot want = reference(updates, close);
                if (want == null) {
                    assertNull(got, "seed " + seed + " close " + close);
                    unknown++;
                    continue;
                }
                if (got == null) { // only for a session more than the kept books behind: unknown, never another close's book
                    assertTrue(updates.get(fed - 1)[0] > close + 7 * H, "seed " + seed + " close " + close + ": unknown though the stream is close by");
                    unknown++;
                    continue;
                }
                assertEquals(want.time(), got.time(), "seed " + seed + " close " + close + ": the time of the last change");
                assertEquals(want.bids(), got.bids(), "seed " + seed + " close " + close);
                assertEquals(want.asks(), got.asks(), "seed " + seed + " close " + close);
                checked++;
            }
        }
        assertTrue(checked > 3_000 && unknown < checked / 5, checked + " closes checked, " + unknown + " unknown (an empty book, or far behind)");
    }

    private static void feed(LiveBooks books, long[] u, int i) {
        String[][] level = {{Long.toString(u[2]), Long.toString(u[3])}};
        assertTrue(books.onFrame(LiveBooksTest.BTC, LiveBooksTest.frame(i == 0 ? "snapshot" : "delta", u[0], i + 1, u[1] == 0 ? level : null, u[1] == 1 ? level : null)));
    }

    /** The book after every update stamped at or before {@code close}, stamped with the last one's time; null when empty. */
    private static OrderBookSnapshot reference(List<long[]> updates, long close) {
        TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder()), asks = new TreeMap<>();
        long last = Long.MIN_VALUE;
        for (long[] u : updates) {
            if (u[0] > close) break;
            TreeMap<Long, Long> side = u[1] == 0 ? bids : asks;
            if (u[3] == 0) side.remove(u[2]);
            else side.put(u[2], u[3]);
            last = u[0];
        }
        if (bids.isEmpty() && asks.isEmpty()) return null;
        return new OrderBookSnapshot(LiveBooksTest.BTC, java.time.Instant.ofEpochMilli(last), levels(bids), levels(asks));
    }

    private static List<BookLevel> levels(Map<Long, Long> side) {
        List<BookLevel> out = new ArrayList<>();
        for (var e : side.entrySet()) if (out.size() < LiveBooks.DEPTH) out.add(new BookLevel(e.getKey(), e.getValue()));
        return out;
    }
}

package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;
import io.tatra.journal.BookRecord;
import io.tatra.journal.JournalReader;
import io.tatra.market.BookLevel;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The book at each close, from a stream that does not wait for the bar; unknown books are never guessed. */
class LiveBooksTest {
    static final Symbol BTC = Symbol.of("BTCUSDT");
    static final long H = 3_600_000L, T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    /** A book message: {@code levels} as price, size pairs for bids then asks ({@code null} side: no change). */
    static JsonNode frame(String type, long ts, long u, String[][] bids, String[][] asks) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("topic", LiveBooks.topic(BTC));
        m.put("type", type);
        m.put("ts", ts + 15); // pushed 15 ms after the matching engine's state: the state's time counts
        ObjectNode d = m.putObject("data");
        d.put("s", BTC.value());
        ArrayNode b = d.putArray("b"), a = d.putArray("a");
        if (bids != null) for (String[] l : bids) b.addArray().add(l[0]).add(l[1]);
        if (asks != null) for (String[] l : asks) a.addArray().add(l[0]).add(l[1]);
        d.put("u", u);
        d.put("seq", u);
        m.put("cts", ts);
        return m;
    }

    static String[][] lv(String price, String size) { return new String[][]{{price, size}}; }

    static double bestBidSize(OrderBookSnapshot b) { return b.bids().get(0).size(); }

    @Test
    void theBookAtACloseIsTheStateBeforeTheFirstUpdatePastIt() {
        LiveBooks books = new LiveBooks(List.of(BTC), H, null);
        assertNull(books.at(BTC, T0 + H), "no snapshot yet: unknown");
        assertFalse(books.awaitSnapshots(20), "no snapshot within 20 ms");
        Thread late = new Thread(() -> books.onFrame(BTC, frame("snapshot", T0 + 1_000, 1, lv("100", "1"), lv("101", "1"))));
        late.start();
        assertTrue(books.awaitSnapshots(10_000), "a snapshot arriving while waiting ends the wait");
        try { late.join(); } catch (InterruptedException e) { throw new AssertionError(e); }
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 600_000, 1, new String[][]{{"100", "1"}, {"99.5", "2"}}, new String[][]{{"101", "1"}, {"101.5", "4"}})));
        assertTrue(books.onFrame(BTC, frame("delta", T0 + 1_800_000, 2, lv("100", "3"), null)));
        // the stream moves on before the closed kline arrives: an update 50 ms after the close
        assertTrue(books.onFrame(BTC, frame("delta", T0 + H + 50, 3, lv("100", "5"), null)));
        OrderBookSnapshot atClose = books.at(BTC, T0 + H);
        assertEquals(Instant.ofEpochMilli(T0 + 1_800_000), atClose.time(), "stamped with its last change (the matching engine's time, not the push's)");
        assertEquals(3, bestBidSize(atClose), "the book as it stood at the close, not the update after it");
        assertEquals(List.of(new BookLevel(100, 3), new BookLevel(99.5, 2)), atClose.bids());
        assertEquals(List.of(new BookLevel(101, 1), new BookLevel(101.5, 4)), atClose.asks());
        // an update stamped exactly at a close belongs to it
        assertTrue(books.onFrame(BTC, frame("delta", T0 + 2 * H, 4, lv("100", "6"), null)));
        assertEquals(6, bestBidSize(books.at(BTC, T0 + 2 * H)));
        // a quiet book: nothing for two closes, then an update; the book before it stood at both
        assertTrue(books.onFrame(BTC, frame("delta", T0 + 4 * H + 1, 5, lv("100", "7"), null)));
        assertEquals(6, bestBidSize(books.at(BTC, T0 + 3 * H)));
        assertEquals(6, bestBidSize(books.at(BTC, T0 + 4 * H)));
        assertEquals(Instant.ofEpochMilli(T0 + 2 * H), books.at(BTC, T0 + 4 * H).time(), "as old as it is: two hours, which the features' age limit leaves out");
        assertEquals(7, bestBidSize(books.at(BTC, T0 + 5 * H)), "nothing after this close yet: the current book");
        // a lost update: the book is unknown until its next snapshot, and a snapshot stamped after a close says nothing of it
        assertFalse(books.onFrame(BTC, frame("delta", T0 + 5 * H - 10, 7, lv("100", "8"), null)), "a gap in u asks for a new snapshot");
        assertNull(books.at(BTC, T0 + 5 * H));
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 5 * H + 20, 40, lv("100", "9"), lv("101", "1"))));
        assertNull(books.at(BTC, T0 + 5 * H), "the snapshot came after the close: that close's book stays unknown");
        assertEquals(9, bestBidSize(books.at(BTC, T0 + 6 * H)));
        // a gap found by the first delta after a close: the update lost may have come before it, so that close has no book
        assertTrue(books.onFrame(BTC, frame("delta", T0 + 6 * H - 100, 41, lv("100", "10"), null)));
        assertFalse(books.onFrame(BTC, frame("delta", T0 + 6 * H + 30, 43, lv("100", "11"), null)));
        assertNull(books.at(BTC, T0 + 6 * H), "unknown, not the state before the lost update");
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 6 * H + 60, 50, lv("100", "9"), lv("101", "1"))));
        assertEquals(2, books.counts()[2], "two resyncs");
        // a reconnect forgets every book; a crossed book is no book
        books.reset();
        assertNull(books.at(BTC, T0 + 6 * H));
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 6 * H + 5, 1, lv("102", "1"), lv("101", "1"))));
        assertNull(books.at(BTC, T0 + 7 * H), "crossed");
    }

    @Test
    void eachBarGetsItsBookJournaledAndFedWarmUpBarsTheStoredOnes(@TempDir Path dir) {
        List<OrderBookSnapshot> fed = new ArrayList<>();
        LiveBooks books = new LiveBooks(List.of(BTC), H, fed::add);
        // the store recorded a book for the first warm-up bar only
        OrderBookSnapshot stored = new OrderBookSnapshot(BTC, Instant.ofEpochMilli(T0 + H), List.of(new BookLevel(50, 2)), List.of(new BookLevel(51, 1)));
        books.prime(BTC, List.of(stored), T0 + 2 * H);
        books.startJournal(dir);
        books.upTo(BTC, T0, T0 + H);
        books.upTo(BTC, T0 + H, T0 + 2 * H); // warm-up bar without a stored book: none, and the live book is not asked
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 2 * H - 5, 1, lv("100", "1"), lv("101", "2"))));
        assertTrue(books.onFrame(BTC, frame("delta", T0 + 3 * H + 7, 2, lv("100", "4"), null)));
        books.upTo(BTC, T0 + 2 * H, T0 + 3 * H); // the first live bar
        books.upTo(BTC, T0 + 3 * H, T0 + 4 * H);
        books.upTo(BTC, T0 + 4 * H, T0 + 5 * H); // no update since: the same book, given once (the features would refuse it twice)
        books.close();
        assertEquals(List.of(stored.time(), Instant.ofEpochMilli(T0 + 2 * H - 5), Instant.ofEpochMilli(T0 + 3 * H + 7)), fed.stream().map(OrderBookSnapshot::time).toList());
        assertEquals(List.of(2.0, 1.0, 4.0), fed.stream().map(LiveBooksTest::bestBidSize).toList());
        var journal = JournalReader.read(dir.resolve(BookRecord.FILE_NAME), BookRecord.class);
        assertTrue(journal.clean());
        assertEquals(2, journal.records().size(), "live bars only: the warm-up's books are the store's already");
        assertTrue(journal.records().get(0).sameAs(BookRecord.of(fed.get(1), LiveBooks.DEPTH)));
        assertArrayEquals(new long[]{2, 1, 0, 0, 1}, books.counts(), "journaled, unknown, resyncs, not written, unchanged");
    }

    @Test
    void aModelWithoutBooksGetsNoneButTheBooksAreStillRecorded(@TempDir Path dir) {
        LiveBooks books = new LiveBooks(List.of(BTC), H, null);
        books.startJournal(dir);
        assertTrue(books.onFrame(BTC, frame("snapshot", T0 + 5, 1, lv("100", "1"), lv("101", "2"))));
        books.upTo(BTC, T0, T0 + H);
        books.close();
        assertEquals(1, JournalReader.read(dir.resolve(BookRecord.FILE_NAME), BookRecord.class).records().size());
    }
}

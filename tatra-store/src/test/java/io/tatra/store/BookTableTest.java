package io.tatra.store;

import io.tatra.journal.BookRecord;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BookTableTest {
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(), H = 3_600_000L;

    /** Books around 100 with irregular prices and sizes (exact doubles must come back), {@code shift} moving every size. */
    private static List<BookRecord> books(String sym, int n, double shift) {
        List<BookRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<double[]> bids = new ArrayList<>(), asks = new ArrayList<>();
            for (int k = 0; k < 1 + i % 20; k++) {
                bids.add(new double[]{100.0 / 3 - k * 0.1 - i * 1e-3, 0.1 * (k + 1) + shift + i / 7.0});
                asks.add(new double[]{100.0 / 3 + 0.05 + k * 0.1 - i * 1e-3, 0.3 * (k + 1) + shift});
            }
            out.add(new BookRecord(sym, Instant.ofEpochMilli(T0 + i * H), bids, i % 5 == 4 ? List.of() : asks));
        }
        return out;
    }

    private static void assertSame(List<BookRecord> want, List<OrderBookSnapshot> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertTrue(want.get(i).sameAs(BookRecord.of(got.get(i), BookRecord.MAX_LEVELS)), "book " + i + " differs");
    }

    @Test
    void booksRoundTripExactlyAreIdempotentAndReportConflicts(@TempDir Path home) {
        Symbol btc = Symbol.of("BTCUSDT");
        List<BookRecord> all = new ArrayList<>(books("BTCUSDT", 30, 0));
        all.addAll(books("ETHUSDT", 10, 1));
        try (TatraStore st = TatraStore.open(home)) {
            assertEquals(new BookTable.WriteResult(40, 0, 0), st.books().write(all, false));
            assertEquals(new BookTable.WriteResult(0, 40, 0), st.books().write(all, false), "a second copy adds nothing");
            assertSame(books("BTCUSDT", 30, 0), st.books().read(btc, null, null));
            assertEquals(new BookTable.WriteResult(0, 0, 30), st.books().write(books("BTCUSDT", 30, 0.5), false));
            assertSame(books("BTCUSDT", 30, 0), st.books().read(btc, null, null)); // kept unless replaced
            assertEquals(new BookTable.WriteResult(0, 0, 30), st.books().write(books("BTCUSDT", 30, 0.5), true));
            assertSame(books("BTCUSDT", 30, 0.5), st.books().read(btc, null, null));
            var twice = List.of(books("BTCUSDT", 1, 0).get(0), books("BTCUSDT", 1, 2).get(0));
            assertThrows(IllegalArgumentException.class, () -> st.books().write(twice, false));
        }
        try (TatraStore st = TatraStore.openExisting(home)) {
            assertSame(books("BTCUSDT", 30, 0.5).subList(3, 7), st.books().read(btc, Instant.ofEpochMilli(T0 + 3 * H), Instant.ofEpochMilli(T0 + 7 * H)));
            assertEquals(List.of(new BookTable.SeriesInfo(btc, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 29 * H), 30),
                    new BookTable.SeriesInfo(Symbol.of("ETHUSDT"), Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 9 * H), 10)), st.books().list());
            assertTrue(st.verify().containsKey("book_levels"));
            long levels = 0; // the books of BTCUSDT: 30 snapshots of 1..20 levels a side, every fifth without asks
            for (BookRecord r : books("BTCUSDT", 30, 0)) levels += r.bids().size() + r.asks().size();
            assertEquals(30, st.books().read(btc, null, null, levels).size(), "the cap is inclusive");
            long cap = levels - 1;
            var e = assertThrows(io.tatra.TatraException.class, () -> st.books().read(btc, null, null, cap));
            assertTrue(e.getMessage().contains(levels + " order-book levels of BTCUSDT") && e.getMessage().contains("shorten the period"), e.getMessage());
        }
    }

    @Test
    void aStoreWithoutTheBookTableGetsItWhenOpened(@TempDir Path home) throws Exception {
        try (TatraStore st = TatraStore.open(home); Statement s = st.connection().createStatement()) {
            s.execute("DROP TABLE book_levels"); // as a store written before books existed
        }
        try (TatraStore st = TatraStore.openExisting(home)) {
            assertEquals(List.of(), st.books().read(Symbol.of("BTCUSDT"), null, null));
        }
    }

    @Test
    void badBooksAreRefusedWithTheReason() {
        Instant t = Instant.ofEpochMilli(T0);
        var e = assertThrows(IllegalArgumentException.class, () -> new BookRecord("BTCUSDT", t, List.of(new double[]{101, 1}), List.of(new double[]{100, 1})));
        assertTrue(e.getMessage().contains("crossed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BookRecord("BTCUSDT", t, List.of(), List.of()));
        assertTrue(e.getMessage().contains("no levels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BookRecord("BTCUSDT", t, List.of(new double[]{100}), List.of()));
        assertTrue(e.getMessage().contains("bids level 0 is not [price, size]"), e.getMessage());
        List<double[]> deep = new ArrayList<>();
        for (int k = 0; k <= BookRecord.MAX_LEVELS; k++) deep.add(new double[]{1000 - k, 1});
        e = assertThrows(IllegalArgumentException.class, () -> new BookRecord("BTCUSDT", t, deep, List.of()));
        assertTrue(e.getMessage().contains("at most " + BookRecord.MAX_LEVELS), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BookRecord("BTCUSDT", t, List.of(new double[]{100, 1}, new double[]{100, 2}), List.of()));
    }
}

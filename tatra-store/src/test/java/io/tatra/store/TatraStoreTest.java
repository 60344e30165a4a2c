package io.tatra.store;

import io.tatra.TatraException;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalKind;
import io.tatra.journal.Signal;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TatraStoreTest {
    static BarSeries series() {
        var m = MarketGenerator.generate(SyntheticConfig.defaults(1, 500, Interval.H1, 3));
        return m.series().values().iterator().next();
    }

    @Test
    void writeIsIdempotentAndRoundTrips(@TempDir Path home) {
        BarSeries s = series();
        try (TatraStore st = TatraStore.open(home)) {
            var first = st.candles().write(s, false);
            assertEquals(500, first.added());
            var again = st.candles().write(s, false);
            assertEquals(0, again.added());
            assertEquals(500, again.unchanged());
            assertEquals(0, again.conflicting());
            BarSeries back = st.candles().read(s.symbol(), Interval.H1, null, null);
            assertArrayEquals(s.closeArray(), back.closeArray());
            assertArrayEquals(s.openTimeArray(), back.openTimeArray());
            assertArrayEquals(s.tradeCountArray(), back.tradeCountArray());
            BarSeries part = st.candles().read(s.symbol(), Interval.H1, s.openTime(10), s.openTime(20));
            assertEquals(10, part.size());
            assertEquals(s.openTime(10), part.openTime(0));
            var info = st.candles().list();
            assertEquals(1, info.size());
            assertEquals(500, info.get(0).rows());
            assertEquals(0, info.get(0).missing());
        }
    }

    @Test
    void conflictingRewriteKeepsStoredUnlessReplace(@TempDir Path home) {
        BarSeries s = series();
        BarSeries.Builder b = BarSeries.builder(s.symbol(), s.interval());
        for (int i = 0; i < 10; i++) b.add(s.openTimeMillis(i), s.open(i), s.high(i) * 1.01, s.low(i), s.close(i), s.volume(i));
        BarSeries changed = b.build();
        try (TatraStore st = TatraStore.open(home)) {
            st.candles().write(s, false);
            var r = st.candles().write(changed, false);
            assertEquals(10, r.conflicting());
            assertEquals(s.high(0), st.candles().read(s.symbol(), s.interval(), null, null).high(0));
            var r2 = st.candles().write(changed, true);
            assertTrue(r2.replaced());
            assertEquals(changed.high(0), st.candles().read(s.symbol(), s.interval(), null, null).high(0));
        }
    }

    @Test
    void gapsShowInListAndExportWritesCsvAndParquet(@TempDir Path home) throws Exception {
        BarSeries s = series();
        BarSeries.Builder b = BarSeries.builder(s.symbol(), s.interval());
        for (int i = 0; i < s.size(); i++) if (i < 100 || i >= 103) b.add(s.bar(i));
        try (TatraStore st = TatraStore.open(home)) {
            st.candles().write(b.build(), false);
            assertEquals(3, st.candles().list().get(0).missing());
            Path csv = home.resolve("out.csv"), pq = home.resolve("out.parquet");
            assertEquals(497, st.candles().export(s.symbol(), s.interval(), null, null, csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(498, lines.size());
            assertTrue(lines.get(1).contains(s.openTime(0).toString().replace(":00Z", ":00Z")), lines.get(1));
            assertEquals(50, st.candles().export(s.symbol(), s.interval(), s.openTime(0), s.openTime(50), pq));
            assertTrue(Files.size(pq) > 0);
            byte[] head = Files.readAllBytes(pq);
            assertEquals("PAR1", new String(head, 0, 4));
            var e = assertThrows(TatraException.class, () -> st.candles().export(Symbol.of("NOPEUSDT"), Interval.H1, null, null, csv));
            assertTrue(e.getMessage().contains("nothing to export"));
        }
    }

    @Test
    void journalsImportIdempotently(@TempDir Path home) {
        var d = new Decision("d1", Instant.parse("2024-01-01T00:00:00Z"), "BTCUSDT", Signal.SELL, 100, 0.6, Map.of("rsi", 40.0));
        try (TatraStore st = TatraStore.open(home)) {
            assertEquals(1, st.journals().insert(List.of(d)).added());
            var again = st.journals().insert(List.of(d));
            assertEquals(0, again.added());
            assertEquals(1, again.unchanged());
            assertEquals(0, again.conflicting());
            assertEquals(1, st.journals().count(JournalKind.DECISIONS));
            // the same id with another price is a conflict, reported; the stored record stays
            var changed = new Decision("d1", Instant.parse("2024-01-01T00:00:00Z"), "BTCUSDT", Signal.SELL, 101, 0.6, Map.of("rsi", 40.0));
            var c = st.journals().insert(List.of(changed));
            assertEquals(0, c.added());
            assertEquals(0, c.unchanged());
            assertEquals(List.of(changed.key()), c.conflicts());
            assertEquals(1, st.journals().count(JournalKind.DECISIONS));
        }
    }

    @Test
    void readersShareTheStoreReadOnlyAndAnOlderStoreGetsItsMissingTablesOnce(@TempDir Path home) throws Exception {
        BarSeries s = series();
        try (TatraStore st = TatraStore.open(home)) { st.candles().write(s, false); }
        try (TatraStore a = TatraStore.openExisting(home); TatraStore b = TatraStore.openExisting(home)) {
            assertEquals(500, a.candles().read(s.symbol(), s.interval(), null, null).size());
            assertEquals(500, b.candles().read(s.symbol(), s.interval(), null, null).size(), "two readers at once");
            assertThrows(RuntimeException.class, () -> a.candles().write(s, true), "a reader cannot write");
        }
        // a store from before open interest was kept: the reader adds the table once, then reads
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + home.resolve(TatraStore.FILE_NAME).toAbsolutePath());
             var st = c.createStatement()) {
            st.execute("DROP TABLE open_interest");
        }
        try (TatraStore r = TatraStore.openExisting(home)) {
            assertEquals(0, r.openInterest().list().size());
            assertEquals(500, r.candles().read(s.symbol(), s.interval(), null, null).size());
        }
    }

    @Test
    void storePersistsAcrossOpens(@TempDir Path home) {
        BarSeries s = series();
        try (TatraStore st = TatraStore.open(home)) { st.candles().write(s, false); }
        try (TatraStore st = TatraStore.open(home)) { assertEquals(500, st.candles().read(s.symbol(), s.interval(), null, null).size()); }
    }
}

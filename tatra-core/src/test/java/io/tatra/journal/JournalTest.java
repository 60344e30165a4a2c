package io.tatra.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JournalTest {
    static Decision decision(int i) {
        return new Decision("decision_" + i, Instant.parse("2024-01-01T09:35:00Z").plusSeconds(60L * i), "BTCUSDT", Signal.BUY,
                16508.75 + i, 0.75, Map.of("rsi", 52.3, "macd", 2.5));
    }

    @Test
    void aThreadWithItsInterruptFlagSetAppendsAndLeavesTheJournalOpen(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("events.jsonl");
        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FSYNC)) {
            w.append(decision(0));
            boolean[] flagAfter = new boolean[1];
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt(); // as after an executor's shutdownNow()
                w.append(decision(1));
                w.force();
                flagAfter[0] = Thread.currentThread().isInterrupted();
            });
            t.start();
            t.join();
            assertTrue(flagAfter[0], "the interrupt still reaches the thread");
            w.append(decision(2)); // without the guard: ClosedChannelException, the channel closed by the interrupt
        }
        var rd = JournalReader.read(d, Decision.class);
        assertTrue(rd.clean());
        assertEquals(List.of(decision(0), decision(1), decision(2)), rd.records());
    }

    @Test
    void interruptsArrivingWhileAThreadAppendsLeaveTheJournalOpen(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("events.jsonl");
        int n = 3_000;
        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FSYNC)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < n; i++) w.append(decision(i));
            });
            writer.start();
            int sent = 0;
            while (writer.isAlive() && sent < 100_000) { // interrupts land before, between and during the writes
                writer.interrupt();
                sent++;
                Thread.onSpinWait();
            }
            writer.join(60_000);
            assertFalse(writer.isAlive());
            assertTrue(sent > 10, "the writer was interrupted while it wrote: " + sent);
            w.append(decision(n)); // a FileChannel would be closed by now
        }
        var rd = JournalReader.read(d, Decision.class);
        assertTrue(rd.clean());
        assertEquals(n + 1, rd.records().size());
    }

    @Test
    void roundTripsAllThreeLogsWithTheDesignFieldNames(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("decisions.jsonl"), o = dir.resolve("outcomes.jsonl"), s = dir.resolve("snapshots.jsonl");
        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FSYNC)) {
            for (int i = 0; i < 3; i++) w.append(decision(i));
        }
        Outcome out = new Outcome("decision_0", 16508.75, 16518.5, 9.75, true, false, Instant.parse("2024-01-01T09:35:00Z"), Instant.parse("2024-01-01T09:40:00Z"));
        try (var w = JournalWriter.open(o, Outcome.class, JournalWriter.Durability.FLUSH)) { w.append(out); }
        Snapshot snap = new Snapshot("BTCUSDT", Instant.parse("2024-01-01T09:30:00Z"), Map.of("price", 16500.25));
        try (var w = JournalWriter.open(s, Snapshot.class, JournalWriter.Durability.FLUSH)) { w.append(snap); }

        var rd = JournalReader.read(d, Decision.class);
        assertTrue(rd.clean());
        assertEquals(3, rd.records().size());
        assertEquals(decision(2), rd.records().get(2));
        String outLine = Files.readString(o);
        for (String k : new String[]{"decisionId", "entryPrice", "exitPrice", "profitLoss", "win_5m", "win_30m", "executedTime", "closedTime"}) {
            assertTrue(outLine.contains("\"" + k + "\""), k + " in " + outLine);
        }
        assertTrue(Files.readString(d).contains("\"timestamp\":\"2024-01-01T09:35:00Z\""));
        assertEquals(out, JournalReader.read(o, Outcome.class).records().get(0));
        assertEquals(snap, JournalReader.read(s, Snapshot.class).records().get(0));
        assertEquals(JournalKind.OUTCOMES, JournalKind.detect(outLine));
        assertEquals(JournalKind.DECISIONS, JournalKind.detect(Files.readAllLines(d).get(0)));
    }

    @Test
    void tornLastLineIsReportedAndEarlierLinesSurviveAndAppendsContinue(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("decisions.jsonl");
        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FLUSH)) {
            w.append(decision(0));
            w.append(decision(1));
        }
        // simulate a crash in the middle of the third append
        String third = io.tatra.Json.MAPPER.writeValueAsString(decision(2));
        Files.write(d, third.substring(0, third.length() / 2).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        var r = JournalReader.read(d, Decision.class);
        assertEquals(2, r.records().size());
        assertEquals(1, r.problems().size());
        assertEquals(JournalReader.Problem.TORN_TAIL, r.problems().get(0).problem());
        assertEquals(3, r.problems().get(0).line());

        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FLUSH)) { w.append(decision(3)); }
        var again = JournalReader.read(d, Decision.class);
        assertEquals(3, again.records().size(), "the record after the torn line is intact");
        assertEquals(decision(3), again.records().get(2));
        assertEquals(JournalReader.Problem.CORRUPT_LINE, again.problems().get(0).problem());
    }

    @Test
    void invalidRecordsAreReportedNotThrown(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("decisions.jsonl");
        Files.writeString(d, io.tatra.Json.MAPPER.writeValueAsString(decision(0)) + "\n"
                + "{\"id\":\"x\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"symbol\":\"BTCUSDT\",\"signal\":\"BUY\",\"price\":-1,\"confidence\":0.5,\"features\":{}}\n"
                + "not json at all\n");
        var r = JournalReader.read(d, Decision.class);
        assertEquals(1, r.records().size());
        assertEquals(JournalReader.Problem.INVALID_RECORD, r.problems().get(0).problem());
        assertTrue(r.problems().get(0).message().contains("price -1.0"), r.problems().get(0).message());
        assertEquals(JournalReader.Problem.CORRUPT_LINE, r.problems().get(1).problem());
        assertEquals(3, r.problems().get(1).line());
    }

    @Test
    void secondWriterIsRefused(@TempDir Path dir) {
        Path d = dir.resolve("decisions.jsonl");
        try (var w = JournalWriter.open(d, Decision.class, JournalWriter.Durability.FLUSH)) {
            var e = assertThrows(io.tatra.TatraException.class, () -> JournalWriter.open(d, Decision.class, JournalWriter.Durability.FLUSH));
            assertTrue(e.getMessage().contains("another writer"));
        }
    }
}

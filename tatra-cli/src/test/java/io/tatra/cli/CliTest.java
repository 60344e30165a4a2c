package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CliTest extends CliHarness {
    @Test
    void demoGeneratesImportsAndListsThenReimportAddsNothing() throws Exception {
        assertEquals(0, run("demo", "--home", home.toString(), "--symbol-count", "2", "--bars", "300", "--data-only"));
        assertTrue(out().contains("SYN01USDT"), out());
        assertEquals(0, run("data", "list", "--home", home.toString(), "--json"));
        JsonNode list = io.tatra.Json.MAPPER.readTree(out());
        assertEquals(2, list.size());
        assertEquals(300, list.get(0).get("rows").asInt());
        assertEquals(0, list.get(0).get("gaps").asInt());
        Path csv = home.resolve("demo/market-seed-42/SYN01USDT_1h.csv");
        assertEquals(0, run("import", "--home", home.toString(), "--json", csv.toString()));
        JsonNode imp = io.tatra.Json.MAPPER.readTree(out());
        assertEquals(0, imp.get(0).get("added").asInt());
        assertEquals(300, imp.get(0).get("unchanged").asInt());
        Path pq = home.resolve("x.parquet");
        assertEquals(0, run("export", "--home", home.toString(), "--symbol", "SYN01USDT", "--interval", "1h", "--from", "2022-01-01T05:00", "--out", pq.toString()));
        assertTrue(out().contains("wrote 295"), out());
    }

    @Test
    void refusedFileGivesExitOneAndNoStackTrace() throws Exception {
        Path bad = home.resolve("bad.csv");
        Files.writeString(bad, "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,0.5,2,1,1\n2024-01-01T01:00:00Z,1,2,0.5,1,1\n");
        assertEquals(1, run("import", "--home", home.toString(), "--symbol", "BTCUSDT", bad.toString()));
        assertTrue(out().contains("bad.csv:2: HIGH_BELOW_LOW"), out());
        assertFalse(err().contains("Exception") || out().contains("Exception"), err());
        assertEquals(1, run("data", "check", bad.toString(), "--symbol", "BTCUSDT", "--json"));
        JsonNode rep = io.tatra.Json.MAPPER.readTree(out());
        assertEquals(1, rep.get(0).get("errors").asInt());
        assertEquals("HIGH_BELOW_LOW", rep.get(0).get("findings").get(0).get("kind").asText());
    }

    @Test
    void userMistakesGetClearMessagesAndExitTwo() {
        assertEquals(2, run("generate", "--home", home.toString(), "--interval", "7h"));
        assertTrue(err().contains("unknown interval '7h'"), err());
        assertEquals(1, run("import", "--home", home.toString(), home.resolve("missing.csv").toString()), "a refused file is exit 1");
        assertTrue(out().contains("no such file"), out());
        assertEquals(2, run("export", "--home", home.toString(), "--symbol", "BTCUSDT", "--interval", "1h", "--out", home.resolve("x.txt").toString()));
        assertTrue(err().contains("name the file .csv or .parquet"), err());
        assertFalse(err().contains("\tat "), "no stack trace: " + err());
    }

    @Test
    void generateIsDeterministic() throws Exception {
        Path a = home.resolve("a"), b = home.resolve("b");
        assertEquals(0, run("generate", "--symbol-count", "2", "--bars", "200", "--seed", "9", "--out", a.toString()));
        assertEquals(0, run("generate", "--symbol-count", "2", "--bars", "200", "--seed", "9", "--out", b.toString()));
        for (String f : new String[]{"SYN01USDT_1h.csv", "SYN02USDT_funding.csv", "regimes.csv"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void journalFilesImportIntoTheStore() throws Exception {
        Path d = home.resolve("decisions.jsonl");
        Files.writeString(d, "{\"id\":\"decision_1\",\"timestamp\":\"2024-01-01T09:35:00Z\",\"symbol\":\"NQ00\",\"signal\":\"BUY\",\"price\":16508.75,\"confidence\":0.75,\"features\":{\"rsi\":52.3}}\n{\"id\":\"decision_2\",\"timest");
        assertEquals(0, run("import", "--home", home.toString(), d.toString()));
        assertTrue(out().contains("decisions journal, 1 records, 1 added"), out());
        assertTrue(out().contains("TORN_TAIL"), out());
    }

    static String decision(int i) {
        return "{\"id\":\"decision_" + i + "\",\"timestamp\":\"2024-01-01T09:35:00Z\",\"symbol\":\"NQ00\",\"signal\":\"BUY\",\"price\":16508.75,\"confidence\":0.75,\"features\":{\"rsi\":52.3}}\n";
    }

    @Test
    void journalsGetGradedValidationNeverACrash() throws Exception {
        String h = home.toString();
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 100; i++) good.append(decision(i));
        // a `null` line is one invalid record among 101, skipped with its line; the rest is imported
        Path withNull = home.resolve("decisions.jsonl");
        Files.writeString(withNull, good + "null\n");
        assertEquals(0, run("import", "--home", h, withNull.toString()), err());
        assertTrue(out().contains("100 records, 100 added") && out().contains("line 101: INVALID_RECORD"), out());
        // the same ids with a changed price: conflicts, reported with their keys; the stored records stay
        Files.writeString(withNull, good.toString().replace("16508.75", "16600"));
        assertEquals(0, run("import", "--home", h, withNull.toString()), err());
        assertTrue(out().contains("0 added, 0 already stored, 100 conflicting") && out().contains("decision_0"), out());
        // 100 garbage lines and one good one: refused, nothing stored, file and line named
        Path garbage = home.resolve("g/decisions.jsonl");
        Files.createDirectories(garbage.getParent());
        Files.writeString(garbage, decision(500) + "{\"x\": 1}\n".repeat(100));
        assertEquals(1, run("import", "--home", h, garbage.toString()));
        assertTrue(out().contains("REFUSED") && out().contains("100 of 101 lines") && out().contains("decisions.jsonl:2:"), out());
        // gzip and a byte-order mark work as for candles; a torn first line does not make the file read as candles
        Path gz = home.resolve("z/decisions.jsonl.gz");
        Files.createDirectories(gz.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((decision(600) + decision(601)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(0, run("import", "--home", h, gz.toString()), out() + err());
        assertTrue(out().contains("2 records, 2 added"), out());
        Path bom = home.resolve("b/decisions.jsonl");
        Files.createDirectories(bom.getParent());
        Files.writeString(bom, "\uFEFF" + decision(700) + decision(701));
        assertEquals(0, run("import", "--home", h, bom.toString()), out() + err());
        assertTrue(out().contains("2 records, 2 added"), out());
        Path tornFirst = home.resolve("t/decisions.jsonl");
        Files.createDirectories(tornFirst.getParent());
        StringBuilder many = new StringBuilder("{\"id\":\"decision_8\n");
        for (int i = 800; i < 900; i++) many.append(decision(i));
        Files.writeString(tornFirst, many.toString());
        assertEquals(0, run("import", "--home", h, tornFirst.toString()), out() + err());
        assertTrue(out().contains("decisions journal, 100 records, 100 added") && out().contains("line 1: CORRUPT_LINE"), out());
    }

    @Test
    void outOfMemoryIsAClearMessageWithExit70() {
        java.io.StringWriter sw = new java.io.StringWriter();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, TatraMain.outOfMemory(new RuntimeException("wrapped", oom)));
        assertNull(TatraMain.outOfMemory(new IllegalStateException("a bug")));
        assertEquals(70, TatraMain.outOfMemory(new java.io.PrintWriter(sw, true), oom));
        assertTrue(sw.toString().startsWith("tatra: out of memory (Java heap space)") && sw.toString().contains("-Xmx"), sw.toString());
    }
}

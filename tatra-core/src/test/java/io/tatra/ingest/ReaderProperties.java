package io.tatra.ingest;

import io.tatra.TatraException;
import io.tatra.backtest.TrialLog;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.market.Symbol;
import io.tatra.metrics.WindowForecast;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No input makes a reader do anything but return a result or refuse with a clear error: valid files mutated at
 * random (bytes flipped, inserted, deleted; lines duplicated, swapped, cut) and random text, through the candle
 * importer (CSV, JSON, JSONL), the journal reader, the trial log and the forecasts file of a run.
 */
class ReaderProperties {
    static final String CSV = "timestamp,open,high,low,close,volume,quote_volume,trades\n"
            + "2024-01-01T00:00:00Z,100,110,90,105,10,1000,5\n2024-01-01T01:00:00Z,105,112,100,108,12,1200,6\n"
            + "2024-01-01T02:00:00Z,108,115,101,110,9,990,4\n2024-01-01T03:00:00Z,110,116,105,111,8,880,3\n";
    static final String JSONL = "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":3}\n"
            + "{\"timestamp\":\"2024-01-01T01:00:00Z\",\"open\":1.5,\"high\":2,\"low\":1,\"close\":1.2,\"volume\":4}\n";
    static final String BYBIT = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"symbol\":\"BTCUSDT\",\"category\":\"linear\",\"list\":["
            + "[\"1704070800000\",\"1\",\"2\",\"0.5\",\"1.5\",\"3\",\"4\"],[\"1704067200000\",\"1\",\"2\",\"0.5\",\"1.5\",\"3\",\"4\"]]}}";
    static final String DECISIONS = "{\"id\":\"d1\",\"timestamp\":\"2024-01-01T09:35:00Z\",\"symbol\":\"NQ00\",\"signal\":\"BUY\",\"price\":16508.75,\"confidence\":0.75,\"features\":{\"rsi\":52.3}}\n"
            + "{\"id\":\"d2\",\"timestamp\":\"2024-01-01T10:35:00Z\",\"symbol\":\"NQ00\",\"signal\":\"SELL\",\"price\":16400,\"confidence\":0.6,\"features\":{}}\n";
    static final String TRIALS = "{\"time\":\"2024-01-01T00:00:00Z\",\"variant\":\"a\",\"sharpe_per_bar\":0.01,\"bars\":100}\n"
            + "{\"time\":\"2024-01-01T00:00:01Z\",\"variant\":\"b\",\"sharpePerBar\":0.02,\"bars\":100}\n";
    static final String FORECASTS = WindowForecast.HEADER + "\n2024-01-01T00:00:00Z,BTCUSDT,0.2,0.3,0.5,0.01,0.5,0.2,0.3,0.001,2,0,0.01,0.002\n"
            + "2024-01-01T01:00:00Z,BTCUSDT,0.2,0.3,0.5,0.01,0.5,0.2,0.3,0.001,-1,-1,NaN,NaN\n";

    @Provide
    Arbitrary<byte[]> candles() { return Arbitraries.oneOf(mutated(CSV), mutated(JSONL), mutated(BYBIT), random()); }

    @Property
    void theCandleImporterReturnsOrRefusesClearly(@ForAll("candles") byte[] content, @ForAll("names") String name) throws IOException {
        withFile(name, content, f -> {
            for (ImportPolicy policy : ImportPolicy.values()) {
                try {
                    ImportResult r = BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), null, policy));
                    assertTrue(r.series().size() > 0);
                } catch (ImportRefusedException e) {
                    assertTrue(e.getMessage().contains(f.toString()), "a refusal names the file: " + e.getMessage());
                    assertTrue(e.report().errors() > 0, "a refusal carries at least one error");
                }
            }
            assertNotNull(BarImporter.check(f, new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.STRICT)), "check never throws for content");
        });
    }

    @Provide
    Arbitrary<String> names() { return Arbitraries.of("a.csv", "a.jsonl", "a.json", "a.csv.gz", "BTCUSDT_1h.csv"); }

    @Provide
    Arbitrary<byte[]> journals() { return Arbitraries.oneOf(mutated(DECISIONS), mutated(TRIALS), random()); }

    @Property
    void journalReadersNeverFailOnContent(@ForAll("journals") byte[] content) throws IOException {
        withFile("decisions.jsonl", content, f -> {
            JournalReader.Result<Decision> r = JournalReader.read(f, Decision.class);
            assertNotNull(r.records());
            for (var p : r.problems()) assertTrue(p.line() >= 1 && p.message() != null);
            TrialLog.Read t = new TrialLog(f).read();
            assertTrue(t.trials().stream().allMatch(java.util.Objects::nonNull));
        });
    }

    @Provide
    Arbitrary<byte[]> forecasts() { return Arbitraries.oneOf(mutated(FORECASTS), random()); }

    @Property
    void theForecastsFileIsReadOrRefusedWithFileAndLine(@ForAll("forecasts") byte[] content) throws IOException {
        withFile("forecasts.csv", content, f -> {
            try {
                List<WindowForecast> rows = WindowForecast.read(f);
                assertNotNull(rows);
            } catch (TatraException e) {
                assertTrue(e.getMessage().startsWith(f.toString()) || e.getMessage().startsWith("cannot read " + f), e.getMessage());
            }
        });
    }

    /** Runs {@code check} on a temporary file holding {@code content}, then deletes it. */
    static void withFile(String name, byte[] content, java.util.function.Consumer<Path> check) throws IOException {
        Path dir = Files.createTempDirectory("prop");
        try {
            Path f = dir.resolve(name);
            Files.write(f, content);
            check.accept(f);
        } finally {
            io.tatra.AtomicWrite.deleteQuietly(dir);
        }
    }

    /** A valid file with 1–6 random edits. */
    static Arbitrary<byte[]> mutated(String valid) {
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, base.length * 2),
                Arbitraries.integers().between(0, 255), Arbitraries.of("", "\n", ",", "\"", "{", "}", "null", "NaN", "-", "1e308", "\u0000", "\uFEFF", "0x1p3", "9".repeat(50)))
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            byte[] b = base.clone();
            for (Edit e : edits) b = e.apply(b);
            return b;
        });
    }

    record Edit(int kind, int at, int value, String text) {
        byte[] apply(byte[] b) {
            if (b.length == 0) return text.getBytes(StandardCharsets.UTF_8);
            int i = at % b.length;
            return switch (kind) {
                case 0 -> { byte[] o = b.clone(); o[i] = (byte) value; yield o; }                       // flip a byte
                case 1 -> concat(java.util.Arrays.copyOf(b, i), java.util.Arrays.copyOfRange(b, Math.min(b.length, i + 1 + value % 20), b.length)); // delete
                case 2 -> concat(concat(java.util.Arrays.copyOf(b, i), text.getBytes(StandardCharsets.UTF_8)), java.util.Arrays.copyOfRange(b, i, b.length)); // insert
                case 3 -> java.util.Arrays.copyOf(b, i);                                                 // truncate (a torn file)
                case 4 -> concat(b, java.util.Arrays.copyOf(b, i));                                      // duplicate a prefix
                case 5 -> { String s = new String(b, StandardCharsets.UTF_8); String[] l = s.split("\n", -1);
                            if (l.length > 2) { String t = l[1]; l[1] = l[l.length - 2]; l[l.length - 2] = t; }
                            yield String.join("\n", l).getBytes(StandardCharsets.UTF_8); }               // swap lines
                default -> new String(b, StandardCharsets.UTF_8).replace(",", text).getBytes(StandardCharsets.UTF_8); // replace separators
            };
        }
    }

    static byte[] concat(byte[] a, byte[] c) {
        byte[] o = java.util.Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, o, a.length, c.length);
        return o;
    }

    static Arbitrary<byte[]> random() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(400).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400));
    }
}

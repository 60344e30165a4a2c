package io.tatra.ingest;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The repair policy never changes what a column means: a misread file is refused, however "repairable" its rows look. */
class RepairPolicyTest {
    @TempDir Path dir;

    Path csv(String header) throws Exception {
        BarSeries s = MarketGenerator.generate(SyntheticConfig.defaults(1, 400, Interval.H1, 3)).series(Symbol.of("SYN01USDT"));
        Path f = dir.resolve("g.csv");
        BarCsv.write(s, f);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.set(0, header);
        Files.write(f, lines);
        return f;
    }

    @Test
    void swappedCloseAndVolumeColumnsAreRefusedEvenUnderRepair() throws Exception {
        Path f = csv("timestamp,open,high,low,volume,close,quote_volume,trades");
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("SYNUSDT"), null, ImportPolicy.REPAIR)));
        assertTrue(e.getMessage().contains("never changes what a column means") && e.getMessage().contains("of 400 rows"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), "names the file");
        assertTrue(e.getMessage().matches("(?s).*at line \\d+.*"), "names a line: " + e.getMessage());
        // the same file with its true header imports under strict: the data itself is fine
        Path good = csv("timestamp,open,high,low,close,volume,quote_volume,trades");
        assertEquals(400, BarImporter.read(good, new ImportOptions(Symbol.of("SYNUSDT"), null, ImportPolicy.STRICT)).series().size());
    }

    @Test
    void oneWidenedBarIsStillRepairedAndListed() throws Exception {
        Path f = csv("timestamp,open,high,low,close,volume,quote_volume,trades");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        String[] c = lines.get(10).split(",", -1);
        c[2] = String.valueOf(Double.parseDouble(c[4]) * 0.999); // high below close
        lines.set(10, String.join(",", c));
        Files.write(f, lines);
        ImportResult r = BarImporter.read(f, new ImportOptions(Symbol.of("SYNUSDT"), null, ImportPolicy.REPAIR));
        assertTrue(r.report().repairs().stream().anyMatch(x -> x.action() == Repair.Action.WIDENED_RANGE && x.line() == 11), r.report().repairs().toString());
    }

    @Test
    void aJsonRecordWithTwoCloseKeysIsRefusedNotReadAsTheLastOne() throws Exception {
        Path f = dir.resolve("d.jsonl");
        String ok = "{\"timestamp\":\"2024-01-01T%02d:00:00Z\",\"open\":100,\"high\":110,\"low\":90,\"close\":105,\"volume\":10}\n";
        StringBuilder sb = new StringBuilder();
        for (int h = 0; h < 4; h++) sb.append(String.format(ok, h));
        sb.append("{\"timestamp\":\"2024-01-01T04:00:00Z\",\"open\":100,\"high\":110,\"low\":90,\"close\":105,\"close\":5000,\"volume\":10}\n");
        Files.writeString(f, sb.toString());
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.STRICT)));
        assertTrue(e.report().findings().stream().anyMatch(x -> x.line() == 5 && x.message().toLowerCase().contains("duplicate")), e.report().render(5));
    }
}

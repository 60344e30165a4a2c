package io.tatra.ingest;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** freqtrade's JSON candle files: one line of rows, usually gzip; symbol and interval from freqtrade's file name. */
class FreqtradeJsonTest {
    @TempDir
    Path dir;

    private Path gz(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            double o = 46000 + i;
            sb.append(i == 0 ? "" : ",").append("[").append(1640995200000L + i * 300_000L).append(",").append(o).append(",").append(o + 5).append(",").append(o - 5)
                    .append(",").append(o + 1).append(",").append(40.57574).append("]");
        }
        return sb.append("]").toString();
    }

    @Test
    void aLongSingleLineFileImportsWithSymbolAndIntervalFromItsName() throws Exception {
        Path p = gz("BTC_USDT-5m.json.gz", rows(30_000)); // about 1.6 MB on one line: over the line cap, read as a stream
        ImportResult r = BarImporter.read(p, ImportOptions.strict());
        assertEquals(SourceFormat.FREQTRADE_JSON, r.report().format());
        assertEquals(Symbol.of("BTCUSDT"), r.series().symbol());
        assertEquals(Interval.M5, r.series().interval());
        assertEquals(30_000, r.series().size());
        assertEquals(46001, r.series().close(0));
        Path futures = gz("ETH_USDT_USDT-5m-futures.json.gz", rows(10));
        assertEquals(Symbol.of("ETHUSDT"), BarImporter.read(futures, ImportOptions.strict()).series().symbol());
    }

    @Test
    void badRowsAreNamedByRowNumber() throws Exception {
        String text = rows(5).replace("[1640995500000,", "[1640995500000,\"x\",");
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(gz("BTC_USDT-5m.json.gz", text), ImportOptions.strict()));
        assertTrue(e.getMessage().contains("row 2 has 7 fields"), e.getMessage());
        String truncated = rows(5).substring(0, 120);
        ImportRefusedException t = assertThrows(ImportRefusedException.class, () -> BarImporter.read(gz("SOL_USDT-5m.json.gz", truncated), ImportOptions.strict()));
        assertTrue(t.getMessage().contains("truncated") || t.getMessage().contains("malformed"), t.getMessage());
        String nan = rows(3).replace(",46001.0,", ",NaN,");
        assertThrows(ImportRefusedException.class, () -> BarImporter.read(gz("XRP_USDT-5m.json.gz", nan), ImportOptions.strict()));
    }

    @Test
    void theSharedFreqtradeFilesImportWhenPresent() {
        Path dir = Path.of("../../shared/data/freqtrade-binance-spot-5m");
        if (!Files.isDirectory(dir)) dir = Path.of("../shared/data/freqtrade-binance-spot-5m");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "shared data absent");
        ImportResult r = BarImporter.read(dir.resolve("BTC_USDT-5m.json.gz"), ImportOptions.strict());
        assertEquals(61_999, r.series().size(), "the README's row count");
        assertEquals(0, r.series().missingBars(), "no gaps");
    }
}

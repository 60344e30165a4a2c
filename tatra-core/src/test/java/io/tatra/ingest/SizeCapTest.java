package io.tatra.ingest;

import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Inputs that would exhaust memory are refused with the limit named, after reading no more than the limit. */
class SizeCapTest {
    @TempDir Path dir;

    @Test
    void aGzipOfOneHugeLineIsRefusedAtTheLineCap() throws Exception {
        Path f = dir.resolve("bomb.csv.gz");
        byte[] chunk = "9".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3200; i++) out.write(chunk); // 200 MiB on one line, about 200 KB compressed
        }
        assertTrue(Files.size(f) < 1_000_000, "a small file on disk: " + Files.size(f));
        Runtime rt = Runtime.getRuntime();
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.STRICT)));
        assertTrue(e.getMessage().contains("line 2: longer than " + SourceFile.DEFAULT_MAX_LINE_CHARS + " characters"), e.getMessage());
        assertTrue(rt.totalMemory() - rt.freeMemory() < 1L << 30, "memory stayed bounded");
    }

    @Test
    void moreDecompressedTextThanTheCapIsRefused() throws Exception {
        Path f = dir.resolve("many.csv.gz");
        String row = "2024-01-01T00:00:00Z,100,110,90,105,10\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("timestamp,open,high,low,close,volume\n".getBytes(StandardCharsets.US_ASCII));
            byte[] rows = row.repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) out.write(rows); // about 3.9 MB of text
        }
        String old = System.getProperty("tatra.import.maxBytes");
        System.setProperty("tatra.import.maxBytes", String.valueOf(1 << 20));
        try {
            var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.REPAIR)));
            assertTrue(e.getMessage().contains("more than 1048576 bytes of text") && e.getMessage().contains("tatra.import.maxBytes"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("tatra.import.maxBytes"); else System.setProperty("tatra.import.maxBytes", old);
        }
    }
}

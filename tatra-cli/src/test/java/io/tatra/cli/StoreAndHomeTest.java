package io.tatra.cli;

import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.*;

/** A damaged store is told from a busy one; read-only commands never create a store; inputs that cannot be files are refused. */
class StoreAndHomeTest extends CliHarness {
    @Test
    void readOnlyCommandsNeedAnExistingStoreAndAnEmptyHomeIsRefused() {
        Path typo = home.resolve("typo-home");
        assertEquals(2, run("data", "list", "--home", typo.toString()));
        assertTrue(err().contains("no store in " + typo), err());
        assertFalse(Files.exists(typo), "a mistyped --home creates nothing");
        assertEquals(2, run("export", "--home", typo.toString(), "--symbol", "BTCUSDT", "--interval", "1h", "--out", home.resolve("x.csv").toString()));
        assertFalse(Files.exists(typo));
        assertEquals(2, run("data", "list", "--home", ""));
        assertTrue(err().contains("--home is empty"), err());
    }

    @Test
    void aTruncatedOrCorruptStoreIsDamagedNotBusy() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "1", "--bars", "3000", "--data-only"));
        assertEquals(0, run("data", "verify", "--home", h), err());
        assertTrue(out().contains("is sound") && out().contains("candles=3000"), out());
        Path store = home.resolve("tatra.duckdb");
        byte[] original = Files.readAllBytes(store);
        // a flipped block: DuckDB's checksum catches it, and it is reported as damage with advice, not as "in use"
        byte[] flipped = original.clone();
        for (int i = 12288; i < 12288 + 64; i++) flipped[i] ^= (byte) 0xff;
        Files.write(store, flipped);
        assertEquals(2, run("data", "verify", "--home", h));
        assertTrue(err().contains("is damaged") && err().contains("Restore it from a backup") && !err().contains("in use"), err());
        // truncated to a quarter: even `data list` says so
        Files.write(store, original);
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.WRITE)) {
            ch.truncate(original.length / 4);
        }
        assertEquals(2, run("data", "list", "--home", h));
        assertTrue(err().contains("is damaged"), err());
    }

    @Test
    void aPipeOrDirectoryIsNotACandleFileAndGenerateStaysImportable() throws Exception {
        Path fifo = home.resolve("pipe.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() == 0) {
            assertEquals(1, run("import", "--home", home.toString(), fifo.toString()));
            assertTrue(out().contains("not a regular file"), out() + err());
        }
        assertEquals(1, run("import", "--home", home.toString(), home.toString()));
        assertTrue(out().contains("not a regular file"), out() + err());
        assertEquals(2, run("generate", "--bars", "2147483647", "--out", home.resolve("g").toString()));
        assertTrue(err().contains("--bars") && err().contains("20000000"), err());
        assertEquals(2, run("generate", "--bars", "800000", "--interval", "1h", "--out", home.resolve("g").toString()));
        assertTrue(err().contains("run past 2100"), err());
    }
}

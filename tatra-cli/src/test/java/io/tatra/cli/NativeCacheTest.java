package io.tatra.cli;

import io.tatra.TatraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

class NativeCacheTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static NativeCache.Source source(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return new NativeCache.Source(b.length, "crc32:" + Long.toHexString(crc.getValue()), () -> new ByteArrayInputStream(b));
    }

    @Test
    void extractsOnceThenReusesTheCachedCopy() throws Exception {
        byte[] lib = bytes(300_000, 1);
        Path target = dir.resolve("native/libx.so");
        NativeCache.Outcome first = NativeCache.ensure(source(lib), target);
        assertTrue(first.extracted());
        assertEquals("not cached yet", first.reason());
        assertArrayEquals(lib, Files.readAllBytes(target));
        assertTrue(Files.readString(dir.resolve("native/libx.so.id")).matches("300000 crc32:[0-9a-f]+ sha256:[0-9a-f]{64}\\n"));
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(target, stamp);
        NativeCache.Outcome second = NativeCache.ensure(source(lib), target);
        assertFalse(second.extracted());
        assertEquals(stamp, Files.getLastModifiedTime(target), "a cached library is not written again");
    }

    @Test
    void aDamagedOrOtherVersionIsExtractedAgain() throws Exception {
        byte[] lib = bytes(100_000, 2);
        Path target = dir.resolve("libx.so");
        NativeCache.ensure(source(lib), target);
        try (var ch = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(4096); // what a crash or a full disk leaves
        }
        NativeCache.Outcome repaired = NativeCache.ensure(source(lib), target);
        assertTrue(repaired.extracted());
        assertTrue(repaired.reason().contains("damaged"), repaired.reason());
        assertArrayEquals(lib, Files.readAllBytes(target));

        byte[] upgrade = bytes(100_000, 3); // same size, another driver version
        NativeCache.Outcome upgraded = NativeCache.ensure(source(upgrade), target);
        assertTrue(upgraded.reason().contains("another version"), upgraded.reason());
        assertArrayEquals(upgrade, Files.readAllBytes(target));
    }

    @Test
    void aPackagedEntryThatReadsBackWrongLeavesNothingUnderTheRealName() throws Exception {
        byte[] lib = bytes(50_000, 4);
        NativeCache.Source lying = new NativeCache.Source(lib.length, "crc32:deadbeef", () -> new ByteArrayInputStream(lib));
        Path target = dir.resolve("libx.so");
        TatraException e = assertThrows(TatraException.class, () -> NativeCache.ensure(lying, target));
        assertTrue(e.getMessage().contains("expected 50000 bytes crc32:deadbeef"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no library, sidecar or temporary file is left");
        }
    }

    @Test
    void concurrentStartsAgreeOnOneCompleteLibrary() throws Exception {
        byte[] lib = bytes(2_000_000, 5);
        Path target = dir.resolve("libx.so");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<NativeCache.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) runs.add(pool.submit(() -> NativeCache.ensure(source(lib), target)));
            for (Future<NativeCache.Outcome> r : runs) r.get();
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(lib, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "the library and its sidecar, no temporary files");
        }
    }

    @Test
    void aJarEntryIsFingerprintedFromTheJarDirectory() throws Exception {
        byte[] lib = bytes(70_000, 6);
        Path jar = dir.resolve("t.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jo = new JarOutputStream(out)) {
            jo.putNextEntry(new JarEntry("io/tatra/cli/native/libx.so"));
            jo.write(lib);
            jo.closeEntry();
        }
        NativeCache.Source s = NativeCache.jarSource(new URL("jar:" + jar.toUri() + "!/io/tatra/cli/native/libx.so"));
        assertEquals(source(lib).fingerprint(), s.fingerprint());
        assertEquals(lib.length, s.size());
        NativeCache.ensure(s, dir.resolve("out/libx.so"));
        assertArrayEquals(lib, Files.readAllBytes(dir.resolve("out/libx.so")));
    }

    @Test
    void onTheDevelopmentClassPathTheDriverKeepsItsOwnLoading() {
        assertNull(NativeCache.prepareDuckDb(), "the driver's jar is on the test class path, with its own resource");
        assertTrue(NativeCache.duckDbResourceName().startsWith("libduckdb_java.so_"));
    }
}

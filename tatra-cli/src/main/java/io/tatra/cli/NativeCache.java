package io.tatra.cli;

import io.tatra.TatraException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Extracts a native library once into a cache folder and keeps it there, instead of DuckDB's default of unpacking its
 * 70 MB library into {@code java.io.tmpdir} on every start (which a {@code kill -9} or a crash leaks).
 *
 * <p>The packaged {@code tatra.jar} carries DuckDB's library under {@code io/tatra/cli/native/} rather than where the
 * driver looks for it, so the driver falls back to {@code System.loadLibrary("duckdb_java")}; the launcher puts the
 * cache folder on {@code java.library.path} and names it in {@code tatra.nativeDir}. Before the driver loads, this class
 * makes sure the folder holds the library of the running jar: a sidecar file records the packaged entry's size and
 * CRC-32 (read from the jar's directory, no decompression) and the SHA-256 of what was extracted. A missing, truncated
 * or different library is extracted again, to a temporary sibling that is checked against the entry's CRC-32 and then
 * renamed into place, so concurrent starts and a crash midway never leave a partial library under the real name.
 */
final class NativeCache {
    static final String RESOURCE_DIR = "/io/tatra/cli/native/";

    private NativeCache() {
    }

    /** What is to be cached: its size, a fingerprint (CRC-32 of the packaged entry), and how to read it. */
    record Source(long size, String fingerprint, Opener opener) {
        Source {
            if (size < 0 || fingerprint == null || fingerprint.isBlank()) throw new IllegalArgumentException("bad native source");
        }
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** Result of {@link #ensure}: whether the library had to be (re-)extracted and why. */
    record Outcome(boolean extracted, String reason) {
    }

    /**
     * Prepares DuckDB's native library for the packaged jar. Returns null when nothing needs doing (a development or test
     * class path, where the driver's own resource is present), else the outcome.
     */
    static Outcome prepareDuckDb() {
        String driverName = duckDbResourceName();
        if (NativeCache.class.getResource("/" + driverName) != null) return null; // the driver's own resource: it unpacks itself
        URL packaged = NativeCache.class.getResource(RESOURCE_DIR + driverName);
        if (packaged == null)
            throw new TatraException("this tatra.jar carries no DuckDB native library for " + System.getProperty("os.name") + " / "
                    + System.getProperty("os.arch") + " (looked for " + RESOURCE_DIR + driverName + ")");
        String dir = System.getProperty("tatra.nativeDir");
        if (dir == null || dir.isBlank())
            throw new TatraException("tatra.jar was started without its launcher: run ./tatra, or add "
                    + "-Dtatra.nativeDir=DIR -Djava.library.path=DIR to the java command (DIR: a folder of your own, e.g. ~/.tatra/native)");
        return ensure(jarSource(packaged), Path.of(dir).resolve(System.mapLibraryName("duckdb_java")));
    }

    /** The name DuckDB's driver gives its bundled library on this platform. */
    static String duckDbResourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
        String archName = arch.equals("x86_64") || arch.equals("amd64") ? "amd64" : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
        if (osName.equals("macos")) archName = "arm64";
        return "libduckdb_java.so_" + osName + "_" + archName;
    }

    static Source jarSource(URL url) {
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                var entry = jar.getJarEntry();
                if (entry.getSize() >= 0 && entry.getCrc() >= 0)
                    return new Source(entry.getSize(), "crc32:" + Long.toHexString(entry.getCrc()), url::openStream);
            }
            long size = 0;
            CRC32 crc = new CRC32();
            try (InputStream in = url.openStream()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; size += n) crc.update(buf, 0, n);
            }
            return new Source(size, "crc32:" + Long.toHexString(crc.getValue()), url::openStream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged native library " + url, e);
        }
    }

    /** Makes {@code target} hold exactly {@code source}, extracting only when the sidecar or the file disagree. */
    static Outcome ensure(Source source, Path target) {
        Path sidecar = target.resolveSibling(target.getFileName() + ".id");
        String why = staleness(source, target, sidecar);
        if (why == null) return new Outcome(false, "cached");
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
            try {
                String sha = copy(source, tmp);
                move(tmp, target);
                Path sideTmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp-" + UUID.randomUUID());
                Files.writeString(sideTmp, source.size() + " " + source.fingerprint() + " sha256:" + sha + "\n", StandardCharsets.US_ASCII);
                move(sideTmp, sidecar);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TatraException("cannot prepare the native library in " + target.getParent() + ": " + e.getMessage()
                    + " (the folder must be writable; set TATRA_HOME or TATRA_NATIVE to another one)");
        }
        return new Outcome(true, why);
    }

    /** Why the cached copy cannot be used, or null when it can. */
    static String staleness(Source source, Path target, Path sidecar) {
        if (!Files.isRegularFile(target) || !Files.isRegularFile(sidecar)) return "not cached yet";
        try {
            String[] id = Files.readString(sidecar, StandardCharsets.US_ASCII).trim().split(" ");
            if (id.length != 3 || !id[0].equals(Long.toString(source.size())) || !id[1].equals(source.fingerprint()))
                return "the cached library is another version";
            if (Files.size(target) != source.size()) return "the cached library has the wrong size (damaged)";
            return null;
        } catch (IOException e) {
            return "the cache cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String copy(Source source, Path tmp) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CRC32 crc = new CRC32();
        long n = 0;
        try (InputStream in = source.opener().open();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), sha)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; n += r) {
                crc.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        String got = "crc32:" + Long.toHexString(crc.getValue());
        if (n != source.size() || !got.equals(source.fingerprint()))
            throw new IOException("the packaged library read back as " + n + " bytes " + got + ", expected " + source.size() + " bytes " + source.fingerprint());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        tmp.toFile().setExecutable(true, true);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

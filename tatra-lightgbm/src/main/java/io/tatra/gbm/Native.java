package io.tatra.gbm;

import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads LightGBM's native library once per process and turns native errors into exceptions.
 *
 * <p>lightgbm4j extracts its libraries to {@code java.io.tmpdir/lib_lightgbm.so} under a fixed name and rewrites the
 * file on every start, so a second Tatra process starting while another runs overwrites the code the first has
 * mapped, and the first dies of a SIGSEGV (seen here: {@code tatra evaluate} killed by a test starting beside it).
 * Each process therefore loads its own copy: {@code java.io.tmpdir} points at a fresh private directory while
 * lightgbm4j's class initializer extracts and loads, then is restored.
 */
final class Native {
    private static boolean loaded;

    private Native() {}

    static synchronized void load() {
        if (loaded) return;
        String tmp = System.getProperty("java.io.tmpdir");
        Path dir;
        try {
            dir = Files.createTempDirectory("tatra-lightgbm-");
        } catch (IOException e) {
            throw new TatraException("cannot create a directory for LightGBM's native library under " + tmp + ": " + e.getMessage(), e);
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            if (!LGBMBooster.isNativeLoaded()) LGBMBooster.loadNative(); // the class initializer extracts into dir and loads
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new TatraException("cannot load LightGBM's native library (lightgbm4j, linux x86_64/aarch64): " + e.getMessage(), e);
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
        // the process keeps its mapping; the copies go at exit (deleteOnExit runs in reverse order: the files, then the directory)
        dir.toFile().deleteOnExit();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) f.toFile().deleteOnExit();
        } catch (IOException ignored) {
            // a leftover private copy in the temp directory harms nobody
        }
        loaded = true;
    }

    /** Throws with LightGBM's last error when a C API call returned non-zero. */
    static void check(int rc, String what) {
        if (rc != 0) throw new IllegalStateException("LightGBM " + what + " failed: " + lightgbmlib.LGBM_GetLastError());
    }

    /** lightgbm4j's checked exception as an unchecked one, with what was being done. */
    static IllegalStateException wrap(LGBMException e, String what) {
        return new IllegalStateException("LightGBM " + what + " failed: " + e.getMessage(), e);
    }
}

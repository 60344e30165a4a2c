package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.protocol.ApiKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Where API keys come from: the environment ({@code BYBIT_API_KEY}, {@code BYBIT_API_SECRET}) or a key file of two
 * lines {@code key=…} and {@code secret=…} that nobody but its owner may read. Neither value is ever printed: errors
 * name the variable or the file, never the content.
 */
public final class ApiKeys {
    private ApiKeys() {}

    /** The key from {@code file} when given, else from {@code env}; null when neither has one. */
    public static ApiKey load(Path file, Map<String, String> env) {
        if (file != null) return fromFile(file);
        String key = env.get("BYBIT_API_KEY"), secret = env.get("BYBIT_API_SECRET");
        if (key == null && secret == null) return null;
        if (key == null || secret == null || key.isBlank() || secret.isBlank())
            throw new TatraException("set both BYBIT_API_KEY and BYBIT_API_SECRET (one of them is missing or empty)");
        return make(key.trim(), secret.trim(), "BYBIT_API_KEY / BYBIT_API_SECRET");
    }

    static ApiKey fromFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new TatraException("key file " + file + " does not exist");
            try {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ))
                    throw new TatraException("key file " + file + " can be read by others; run: chmod 600 " + file);
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions on this file system: nothing to check
            }
            if (Files.size(file) > 4096) throw new TatraException("key file " + file + " is larger than 4 KiB; expected two lines key=… and secret=…");
            String key = null, secret = null;
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (t.startsWith("key=")) key = t.substring(4).trim();
                else if (t.startsWith("secret=")) secret = t.substring(7).trim();
                else throw new TatraException("key file " + file + " line " + n + ": expected key=… or secret=… (the line is not shown)");
            }
            if (key == null || secret == null || key.isEmpty() || secret.isEmpty()) throw new TatraException("key file " + file + " needs both key=… and secret=…");
            return make(key, secret, "key file " + file);
        } catch (IOException e) {
            throw new TatraException("cannot read key file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static ApiKey make(String key, String secret, String where) {
        try {
            return new ApiKey(key, secret);
        } catch (RuntimeException e) {
            throw new TatraException(where + ": not a usable key/secret pair (" + e.getMessage() + ")");
        }
    }
}

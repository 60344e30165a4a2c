package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.protocol.ApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Keys come from the environment or a private key file, and no error ever repeats a key or a secret. */
class ApiKeysTest {
    private static final String KEY = "KEYVALUE00000001", SECRET = "SECRETVALUE000000000001";

    @TempDir
    Path dir;

    @Test
    void fromTheEnvironmentBothOrNone() {
        assertNull(ApiKeys.load(null, Map.of()));
        ApiKey k = ApiKeys.load(null, Map.of("BYBIT_API_KEY", KEY, "BYBIT_API_SECRET", SECRET));
        assertEquals(KEY, k.key());
        assertFalse(k.toString().contains(SECRET));
        TatraException half = assertThrows(TatraException.class, () -> ApiKeys.load(null, Map.of("BYBIT_API_KEY", KEY)));
        assertFalse(half.getMessage().contains(KEY));
        TatraException bad = assertThrows(TatraException.class, () -> ApiKeys.load(null, Map.of("BYBIT_API_KEY", KEY, "BYBIT_API_SECRET", "has space x")));
        assertFalse(bad.getMessage().contains("has space"), bad.getMessage());
    }

    @Test
    void aKeyFileMustBePrivateAndWellFormedAndIsNeverEchoed() throws Exception {
        Path f = dir.resolve("bybit.key");
        Files.writeString(f, "# paper\nkey=" + KEY + "\nsecret=" + SECRET + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        TatraException open = assertThrows(TatraException.class, () -> ApiKeys.load(f, Map.of()));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertEquals(SECRET, ApiKeys.load(f, Map.of()).secret());
        Files.writeString(f, "key=" + KEY + "\n" + SECRET + "\n");
        TatraException line = assertThrows(TatraException.class, () -> ApiKeys.load(f, Map.of()));
        assertTrue(line.getMessage().contains("line 2") && !line.getMessage().contains(SECRET) && !line.getMessage().contains(KEY), line.getMessage());
        Files.writeString(f, "key=" + KEY + "\n");
        TatraException missing = assertThrows(TatraException.class, () -> ApiKeys.load(f, Map.of()));
        assertFalse(missing.getMessage().contains(KEY), missing.getMessage());
        TatraException absent = assertThrows(TatraException.class, () -> ApiKeys.load(dir.resolve("none.key"), Map.of()));
        assertTrue(absent.getMessage().contains("does not exist"));
    }
}

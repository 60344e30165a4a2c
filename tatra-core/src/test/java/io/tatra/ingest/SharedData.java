package io.tatra.ingest;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data beside the checkout; tests that need it are skipped when it is absent. */
public final class SharedData {
    private SharedData() {}

    public static Path file(String relative) {
        String dir = System.getProperty("tatra.shared.dir", "../shared");
        Path p = Path.of(dir, "data", relative);
        if (!Files.isRegularFile(p)) p = Path.of("..", "..", "shared", "data", relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared data not present: " + relative);
        return p;
    }
}

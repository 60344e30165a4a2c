package io.tatra.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tatra.TatraException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the file importers: candle files under both policies, and funding / open-interest
 * files. Any input gives a result or a refusal that names the file ({@link ImportRefusedException},
 * {@link TatraException}); anything else is a bug. In the suite these run in regression mode (the inputs under
 * {@code src/test/resources/io/tatra/ingest/ImporterFuzzTestInputs/}); to fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -o test -pl tatra-core -Dtest=ImporterFuzzTest}.
 */
class ImporterFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("tatra-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, byte[] data) {
        try {
            Path p = DIR.resolve(name);
            Files.write(p, data);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void candleFiles(byte[] data) {
        Path file = write("FUZZUSDT_1h.csv", data);
        for (ImportPolicy policy : ImportPolicy.values()) {
            try {
                ImportResult r = BarImporter.read(file, new ImportOptions(null, null, policy));
                if (r.series().size() != r.report().rowsKept()) throw new AssertionError("the report's kept rows differ from the series");
            } catch (TatraException refused) { // ImportRefusedException too
                if (!refused.getMessage().contains(file.getFileName().toString())) throw new AssertionError("a refusal that does not name the file: " + refused.getMessage());
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void rateFiles(byte[] data) {
        Path file = write("FUZZUSDT_funding.csv", data);
        RateFile.detect(file);
        try {
            RateFile.Result r = RateFile.read(file, null);
            for (int i = 1; i < r.size(); i++) if (r.times()[i] <= r.times()[i - 1]) throw new AssertionError("times not strictly increasing");
        } catch (TatraException refused) {
            if (!refused.getMessage().contains(file.getFileName().toString())) throw new AssertionError("a refusal that does not name the file: " + refused.getMessage());
        }
    }
}

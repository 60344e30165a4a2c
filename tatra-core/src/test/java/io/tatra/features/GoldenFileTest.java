package io.tatra.features;

import io.tatra.ingest.BarImporter;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportPolicy;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden file: 400 committed bars and the 64 feature values the engine produced for them when the catalogue
 * was written (ta4j's spreadsheet idea). Any change in any formula shows here; regenerate deliberately with
 * {@code -Dtatra.golden.update=true} and review the diff.
 */
class GoldenFileTest {
    private static final Path DIR = Paths.get("src/test/resources/golden");
    private static final Path BARS = DIR.resolve("features-bars.csv"), VALUES = DIR.resolve("features-expected.csv");

    @Test
    void featuresMatchTheGoldenFile() throws IOException {
        if (Boolean.getBoolean("tatra.golden.update")) write();
        BarSeries bars = BarImporter.read(BARS, new ImportOptions(Symbol.of("GOLDUSDT"), Interval.H1, ImportPolicy.STRICT)).series();
        FeatureMatrix m = new FeatureEngine().compute(bars);
        List<String> lines = Files.readAllLines(VALUES);
        String[] header = lines.get(0).split(",");
        assertEquals(Feature.COUNT + 1, header.length);
        int compared = 0;
        for (int li = 1; li < lines.size(); li++) {
            String[] cells = lines.get(li).split(",");
            int row = Integer.parseInt(cells[0]);
            for (int f = 0; f < Feature.COUNT; f++) {
                assertEquals(header[f + 1], Feature.values()[f].id(), "column order");
                double expected = Double.parseDouble(cells[f + 1]), actual = m.get(row, f);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(actual), header[f + 1] + " row " + row + " should be NaN, is " + actual);
                } else {
                    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), header[f + 1] + " row " + row);
                    compared++;
                }
            }
        }
        assertTrue(compared > 1000);
    }

    private static void write() throws IOException {
        Files.createDirectories(DIR);
        BarSeries s = Fixtures.series(400, 2024);
        List<String> bars = new ArrayList<>(List.of("timestamp,open,high,low,close,volume"));
        for (int i = 0; i < s.size(); i++)
            bars.add(s.openTimeMillis(i) + "," + s.open(i) + "," + s.high(i) + "," + s.low(i) + "," + s.close(i) + "," + s.volume(i));
        Files.write(BARS, bars);
        FeatureMatrix m = new FeatureEngine().compute(s);
        List<String> out = new ArrayList<>();
        StringBuilder h = new StringBuilder("row");
        for (Feature f : Feature.values()) h.append(',').append(f.id());
        out.add(h.toString());
        for (int row = 0; row < s.size(); row += 13) {
            StringBuilder b = new StringBuilder().append(row);
            for (int f = 0; f < Feature.COUNT; f++) b.append(',').append(m.get(row, f));
            out.add(b.toString());
        }
        Files.write(VALUES, out);
    }
}

package io.tatra.ingest;

import io.tatra.market.BarSeries;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a series as Tatra's own candle CSV, which {@link BarImporter} reads back without loss:
 * {@code timestamp,open,high,low,close,volume,quote_volume,trades}, UTC ISO times, absent optional fields empty.
 */
public final class BarCsv {
    private BarCsv() {}

    public static void write(BarSeries b, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("timestamp,open,high,low,close,volume,quote_volume,trades\n");
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < b.size(); i++) {
                sb.setLength(0);
                sb.append(Instant.ofEpochMilli(b.openTimeMillis(i))).append(',').append(b.open(i)).append(',').append(b.high(i))
                        .append(',').append(b.low(i)).append(',').append(b.close(i)).append(',').append(b.volume(i)).append(',');
                if (!Double.isNaN(b.quoteVolume(i))) sb.append(b.quoteVolume(i));
                sb.append(',');
                if (b.tradeCount(i) >= 0) sb.append(b.tradeCount(i));
                w.write(sb.append('\n').toString());
            }
        }
    }
}

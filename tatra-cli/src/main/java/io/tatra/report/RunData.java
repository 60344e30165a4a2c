package io.tatra.report;

import io.tatra.TatraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A backtest run directory read back: result.json and the CSV files {@code tatra backtest} wrote. */
public record RunData(Path dir, io.tatra.app.RunResult result, List<Row> equity, List<String[]> trades, List<String[]> prices, List<io.tatra.metrics.WindowForecast> forecasts) {
    /** One equity.csv line. */
    public record Row(long time, double equity, double buyAndHold, double exposure) {}

    public static RunData read(Path dir) {
        io.tatra.app.RunResult result = io.tatra.app.RunResult.read(dir);
        List<Row> equity = new ArrayList<>();
        Path eq = dir.resolve("equity.csv");
        List<String[]> rows = csv(eq, "time,equity,buy_and_hold,exposure", true);
        for (int i = 0; i < rows.size(); i++) {
            String[] c = rows.get(i);
            try {
                equity.add(new Row(Instant.parse(c[0]).toEpochMilli(), Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3])));
            } catch (RuntimeException e) {
                throw new TatraException(eq + ":" + (i + 2) + ": " + e.getMessage());
            }
        }
        if (equity.isEmpty()) throw new TatraException(dir.resolve("equity.csv") + ": no rows");
        return new RunData(dir, result, equity, csv(dir.resolve("trades.csv"), null, true), csv(dir.resolve("prices.csv"), "time,symbol,close", false),
                Files.isRegularFile(dir.resolve("forecasts.csv")) ? io.tatra.metrics.WindowForecast.read(dir.resolve("forecasts.csv")) : List.of());
    }

    /** Rows without the header; a missing optional file is empty; a malformed required line names file and line. */
    private static List<String[]> csv(Path f, String header, boolean required) {
        if (!Files.isRegularFile(f)) {
            if (required) throw new TatraException(f + " is missing from the run directory");
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(f);
            if (lines.isEmpty()) throw new TatraException(f + ":1: empty file");
            if (header != null && !lines.get(0).equals(header)) throw new TatraException(f + ":1: header must be " + header);
            int width = lines.get(0).split(",", -1).length;
            List<String[]> out = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",", -1);
                if (c.length != width) throw new TatraException(f + ":" + (i + 1) + ": " + c.length + " fields, expected " + width);
                out.add(c);
            }
            return out;
        } catch (IOException e) {
            throw new TatraException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}

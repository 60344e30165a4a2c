package io.tatra.metrics;

import io.tatra.TatraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One window's forecasts beside what happened (labels; −1 / NaN where unknown, e.g. the last bars): the rows of a
 * run's {@code forecasts.csv}, from which the report draws calibration and confusion matrices. Columns are read by
 * name, so a file with its columns in another order (or extra columns) reads the same.
 */
public record WindowForecast(long time, String symbol, double[] direction, double volatility, double[] regime, double ret,
                             int directionLabel, int regimeLabel, double realizedVolatility, double realizedReturn) {
    public static final String HEADER = "time,symbol,p_down,p_side,p_up,volatility,p_bull,p_bear,p_sideways,return,direction_label,regime_label,realized_volatility,realized_return";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    /** Refuse forecasts files larger than this (a run of years of 1-minute bars stays far below). */
    public static final long MAX_BYTES = 512L << 20;

    public WindowForecast {
        if (direction == null || direction.length != 3 || regime == null || regime.length != 3)
            throw new IllegalArgumentException("direction and regime need 3 probabilities each");
        if (directionLabel < -1 || directionLabel > 2 || regimeLabel < -1 || regimeLabel > 2)
            throw new IllegalArgumentException("class labels are 0..2 or -1 (unknown), got " + directionLabel + " / " + regimeLabel);
    }

    /** Whether the direction label is known (the window's future lay inside the data). */
    public boolean labelled() { return directionLabel >= 0; }

    /** The CSV line (no newline) in {@link #HEADER} order. */
    public String csvLine() {
        return String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.8f,%.6f,%.6f,%.6f,%.8f,%d,%d,%.8f,%.8f", Instant.ofEpochMilli(time), symbol,
                direction[0], direction[1], direction[2], volatility, regime[0], regime[1], regime[2], ret, directionLabel, regimeLabel,
                realizedVolatility, realizedReturn);
    }

    /** Reads a forecasts file by column name; a missing column or a malformed value names the file and line. */
    public static List<WindowForecast> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) throw new TatraException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB; not a forecasts file of a run");
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) throw new TatraException(file + ":1: empty file; expected the header " + HEADER);
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < header.size(); i++) at.put(header.get(i).trim(), i);
            for (String c : COLUMNS) if (!at.containsKey(c)) throw new TatraException(file + ":1: no column '" + c + "'; expected " + HEADER);
            List<WindowForecast> out = new ArrayList<>();
            for (int n = 1; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) continue;
                String[] c = lines.get(n).split(",", -1);
                if (c.length != header.size()) throw new TatraException(file + ":" + (n + 1) + ": " + c.length + " fields, the header has " + header.size());
                try {
                    out.add(new WindowForecast(Instant.parse(c[at.get("time")]).toEpochMilli(), c[at.get("symbol")],
                            new double[]{num(c, at, "p_down"), num(c, at, "p_side"), num(c, at, "p_up")}, num(c, at, "volatility"),
                            new double[]{num(c, at, "p_bull"), num(c, at, "p_bear"), num(c, at, "p_sideways")}, num(c, at, "return"),
                            Integer.parseInt(c[at.get("direction_label")]), Integer.parseInt(c[at.get("regime_label")]),
                            num(c, at, "realized_volatility"), num(c, at, "realized_return")));
                } catch (RuntimeException e) {
                    throw new TatraException(file + ":" + (n + 1) + ": " + e.getMessage());
                }
            }
            return out;
        } catch (IOException e) {
            throw new TatraException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double num(String[] c, Map<String, Integer> at, String col) { return Double.parseDouble(c[at.get(col)]); }
}

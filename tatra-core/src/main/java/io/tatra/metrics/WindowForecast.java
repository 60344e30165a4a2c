package io.tatra.metrics;

import io.tatra.NamedCsv;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

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
        return NamedCsv.read(file, COLUMNS, MAX_BYTES, r -> new WindowForecast(Instant.parse(r.get("time")).toEpochMilli(), r.get("symbol"),
                new double[]{num(r, "p_down"), num(r, "p_side"), num(r, "p_up")}, num(r, "volatility"),
                new double[]{num(r, "p_bull"), num(r, "p_bear"), num(r, "p_sideways")}, num(r, "return"),
                Integer.parseInt(r.get("direction_label")), Integer.parseInt(r.get("regime_label")),
                num(r, "realized_volatility"), num(r, "realized_return")));
    }

    private static double num(NamedCsv.Row r, String col) { return Double.parseDouble(r.get(col)); }
}

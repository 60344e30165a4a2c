package io.tatra.report;

import io.tatra.NamedCsv;
import io.tatra.TatraException;
import io.tatra.app.RunResult;
import io.tatra.metrics.WindowForecast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A backtest run directory read back: result.json and the CSV files {@code tatra backtest} wrote. Run files are
 * untrusted input (edited, truncated, from someone else): columns are read by name, every value is checked, and a
 * bad one is an error naming the file and line, never a trace.
 */
public record RunData(Path dir, RunResult result, List<Row> equity, List<TradeRow> trades, List<Price> prices, List<WindowForecast> forecasts) {
    /** Times a run file may hold: the importers' range. */
    static final long FIRST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), LAST = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    /** Refuse run CSV files larger than this. */
    public static final long MAX_BYTES = 512L << 20;

    /** One equity.csv line. */
    public record Row(long time, double equity, double buyAndHold, double exposure) {}

    /** One trades.csv line, what the report draws. */
    public record TradeRow(String symbol, boolean isLong, long entryTime, double entryPrice, long exitTime, double exitPrice) {}

    /** One prices.csv line. */
    public record Price(long time, String symbol, double close) {}

    public static RunData read(Path dir) {
        RunResult result = RunResult.read(dir);
        List<Row> equity = rows(dir.resolve("equity.csv"), true, List.of("time", "equity", "buy_and_hold", "exposure"),
                c -> new Row(c.time("time"), c.finite("equity"), c.number("buy_and_hold"), c.finite("exposure")));
        if (equity.isEmpty()) throw new TatraException(dir.resolve("equity.csv") + ": no rows");
        List<TradeRow> trades = rows(dir.resolve("trades.csv"), true, List.of("symbol", "side", "entry_time", "entry_price", "exit_time", "exit_price"),
                c -> new TradeRow(c.text("symbol"), c.side("side"), c.time("entry_time"), c.positive("entry_price"), c.time("exit_time"), c.positive("exit_price")));
        List<Price> prices = rows(dir.resolve("prices.csv"), false, List.of("time", "symbol", "close"),
                c -> new Price(c.time("time"), c.text("symbol"), c.positive("close")));
        Path fc = dir.resolve("forecasts.csv");
        return new RunData(dir, result, equity, trades, prices, Files.isRegularFile(fc) ? WindowForecast.read(fc) : List.of());
    }

    /** One CSV line's fields by column name, each checked on the way out. */
    record Cells(NamedCsv.Row r) {
        String text(String col) {
            String v = r.get(col);
            if (v.isBlank()) throw new IllegalArgumentException(col + " is empty");
            return v;
        }

        long time(String col) {
            long t;
            try {
                t = Instant.parse(text(col)).toEpochMilli();
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(col + " '" + r.get(col) + "' is not an ISO-8601 UTC time");
            }
            if (t < FIRST || t >= LAST) throw new IllegalArgumentException(col + " " + r.get(col) + " lies outside 2000..2100");
            return t;
        }

        double number(String col) {
            try {
                return Double.parseDouble(text(col));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(col + " '" + r.get(col) + "' is not a number");
            }
        }

        double finite(String col) {
            double v = number(col);
            if (!Double.isFinite(v)) throw new IllegalArgumentException(col + " is " + v);
            return v;
        }

        double positive(String col) {
            double v = finite(col);
            if (!(v > 0)) throw new IllegalArgumentException(col + " must be > 0, got " + v);
            return v;
        }

        boolean side(String col) {
            return switch (text(col)) {
                case "long" -> true;
                case "short" -> false;
                default -> throw new IllegalArgumentException(col + " must be long or short, got '" + r.get(col) + "'");
            };
        }
    }

    private static <T> List<T> rows(Path f, boolean required, List<String> columns, java.util.function.Function<Cells, T> parse) {
        if (!Files.isRegularFile(f)) {
            if (required) throw new TatraException(f + " is missing from the run directory");
            return List.of();
        }
        return NamedCsv.read(f, columns, MAX_BYTES, row -> parse.apply(new Cells(row)));
    }
}

package io.tatra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.market.Symbol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Funding-rate and open-interest files, read strictly (file and line on every error) for the store:
 * <ul>
 *   <li>{@code timestamp,funding_rate} and {@code timestamp,open_interest} CSV (what {@code tatra generate} writes and
 *       the shared funding history uses), times as ISO-8601 UTC or epoch numbers;</li>
 *   <li>Binance's published funding CSV ({@code calc_time,funding_interval_hours,last_funding_rate});</li>
 *   <li>Binance's funding API JSON ({@code [{"symbol","fundingTime","fundingRate"}]}) and Bybit v5's
 *       {@code /v5/market/funding/history} answer ({@code result.list[{"symbol","fundingRate","fundingRateTimestamp"}]}).</li>
 * </ul>
 * Rates must be fractions (|r| &lt; 1), open interest ≥ 0; times lie in 2000..2100, a few milliseconds of exchange
 * jitter (16:00:00.011) are floored to the second and counted, and after that no two points may share a time. Points
 * come out in time order whatever the file's order (Bybit sends newest first).
 */
public final class RateFile {
    /** What a file holds. */
    public enum Kind { FUNDING, OPEN_INTEREST }

    /** The points of one file. {@code floored}: timestamps whose sub-second jitter was removed. */
    public record Result(Kind kind, Symbol symbol, String format, long[] times, double[] values, int floored) {
        public int size() { return times.length; }
    }

    private static final Pattern NAME = Pattern.compile("^([A-Z0-9]{2,30})(?:_funding|_open_interest|-\\d+h-funding_rate|-fundingRate|-funding)", Pattern.CASE_INSENSITIVE);
    private static final long MAX_CHARS = 256L << 20;

    private RateFile() {}

    /** The kind of rate file {@code file} is, from its first line, or null when it is none (then it is a candle file or a journal). */
    public static Kind detect(Path file) {
        try (SourceFile f = SourceFile.open(file)) {
            String first;
            do {
                first = f.next();
            } while (first != null && first.isBlank());
            if (first == null) return null;
            String h = first.trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (h.equals("timestamp,funding_rate") || h.startsWith("calc_time,funding_interval_hours,last_funding_rate")) return Kind.FUNDING;
            if (h.equals("timestamp,open_interest")) return Kind.OPEN_INTEREST;
            if (!h.startsWith("[") && !h.startsWith("{")) return null;
            StringBuilder head = new StringBuilder(h);
            for (String l; head.length() < 8192 && (l = f.next()) != null; ) head.append(l.toLowerCase(Locale.ROOT));
            String t = head.toString().replace(" ", "");
            return t.contains("\"fundingrate\"") && !t.contains("\"open\"") && !t.contains("\"close\"") ? Kind.FUNDING : null;
        } catch (TatraException e) {
            return null; // unreadable: the candle importer says why
        }
    }

    /** Reads a rate file; {@code symbol} (may be null) overrides what the file or its name says. */
    public static Result read(Path file, Symbol symbol) {
        List<String> lines = new ArrayList<>();
        long chars = 0;
        try (SourceFile f = SourceFile.open(file)) {
            for (String l; (l = f.next()) != null; ) {
                chars += l.length() + 1;
                if (chars > MAX_CHARS) throw new TatraException(file + ": larger than " + (MAX_CHARS >> 20) + " MiB of text; not a rate file");
                lines.add(l);
            }
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) first++;
        if (first == lines.size()) throw new TatraException(file + ": empty file");
        String head = lines.get(first).trim();
        if (head.startsWith("[") || head.startsWith("{")) return json(file, String.join("\n", lines), symbol);
        String h = head.toLowerCase(Locale.ROOT).replace("\"", "");
        Symbol sym = symbol != null ? symbol : fromName(file);
        Points p = new Points(file);
        if (h.equals("timestamp,funding_rate") || h.equals("timestamp,open_interest")) {
            Kind kind = h.endsWith("funding_rate") ? Kind.FUNDING : Kind.OPEN_INTEREST;
            for (int i = first + 1; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.isEmpty()) continue;
                String[] c = l.split(",", -1);
                if (c.length != 2) throw new TatraException(file + ":" + (i + 1) + ": " + c.length + " fields, expected 2");
                p.add(i + 1, time(file, i + 1, c[0].trim()), value(file, i + 1, c[1].trim(), kind));
            }
            return p.result(kind, sym, kind == Kind.FUNDING ? "tatra-funding-csv" : "tatra-open-interest-csv");
        }
        if (h.startsWith("calc_time,funding_interval_hours,last_funding_rate")) {
            for (int i = first + 1; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.isEmpty()) continue;
                String[] c = l.split(",", -1);
                if (c.length < 3) throw new TatraException(file + ":" + (i + 1) + ": " + c.length + " fields, expected 3");
                p.add(i + 1, time(file, i + 1, c[0].trim()), value(file, i + 1, c[2].trim(), Kind.FUNDING));
            }
            return p.result(Kind.FUNDING, sym, "binance-funding-csv");
        }
        throw new TatraException(file + ":" + (first + 1) + ": not a funding or open-interest file (header '" + RowParser.abbreviate(head) + "')");
    }

    private static Result json(Path file, String text, Symbol symbol) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new TatraException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Points p = new Points(file);
        String format;
        JsonNode list;
        String timeField;
        if (root.isArray()) {
            format = "binance-funding-json";
            list = root;
            timeField = "fundingTime";
        } else {
            if (root.path("retCode").asInt(-1) != 0) throw new TatraException(file + ": a Bybit answer with retCode " + root.path("retCode") + " (" + root.path("retMsg").asText() + "), not data");
            format = "bybit-funding-json";
            list = root.path("result").path("list");
            timeField = "fundingRateTimestamp";
            if (!list.isArray()) throw new TatraException(file + ": no result.list in this Bybit answer");
        }
        Symbol sym = symbol;
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "entry " + (i + 1);
            String s = o.path("symbol").asText("");
            if (!s.isEmpty()) {
                Symbol here;
                try {
                    here = Symbol.of(s.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new TatraException(file + ": " + at + ": " + e.getMessage());
                }
                if (symbol == null && sym != null && !sym.equals(here)) throw new TatraException(file + ": " + at + " is " + here + ", earlier entries " + sym + "; one symbol per file");
                if (symbol == null) sym = here;
            }
            p.add(i + 1, time(file, at, o.path(timeField).asText("")), value(file, at, o.path("fundingRate").asText(""), Kind.FUNDING));
        }
        if (sym == null) sym = fromName(file);
        return p.result(Kind.FUNDING, sym, format);
    }

    /**
     * Rates that a columnar reader produced (freqtrade's {@code -funding_rate.feather}): the same checks, flooring,
     * ordering and duplicate refusal as a text file; rows are numbered from 1.
     */
    public static Result fromColumns(Path file, Symbol symbol, String format, long[] times, double[] values) {
        Points p = new Points(file);
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            if (t < TimeParser.MIN_MS || t >= TimeParser.MAX_MS) throw new TatraException(file + ": row " + (i + 1) + ": time " + t + " ms outside 2000..2100");
            double v = values[i];
            if (!(Math.abs(v) < 1)) throw new TatraException(file + ": row " + (i + 1) + ": funding rate " + v + " is not a fraction (|r| < 1)");
            p.add(i + 1, t, v);
        }
        return p.result(Kind.FUNDING, symbol, format);
    }

    static Symbol fromName(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.find()) throw new TatraException(file + ": cannot tell the symbol from the file name; give --symbol");
        return Symbol.of(m.group(1).toUpperCase(Locale.ROOT));
    }

    private static long time(Path file, Object line, String s) {
        long t;
        if (TimeParser.isNumeric(s)) {
            double v = Double.parseDouble(s);
            TimeParser.Unit u = TimeParser.unitOf(v);
            t = u == null ? TimeParser.FAIL : TimeParser.toMillis(v, u);
        } else {
            t = TimeParser.parseText(s, new TimeParser.TextResult());
        }
        if (t == TimeParser.FAIL || t < TimeParser.MIN_MS || t >= TimeParser.MAX_MS)
            throw new TatraException(file + ":" + line + ": bad time '" + RowParser.abbreviate(s) + "' (ISO-8601 UTC or epoch, 2000..2100)");
        return t;
    }

    private static double value(Path file, Object line, String s, Kind kind) {
        if (!RowParser.strictNumber(s)) throw new TatraException(file + ":" + line + ": '" + RowParser.abbreviate(s) + "' is not a number");
        double v = Double.parseDouble(s);
        if (kind == Kind.FUNDING && !(Math.abs(v) < 1)) throw new TatraException(file + ":" + line + ": funding rate " + s + " is not a fraction (|r| < 1)");
        if (kind == Kind.OPEN_INTEREST && !(v >= 0 && v <= RowParser.MAX_VOLUME)) throw new TatraException(file + ":" + line + ": open interest " + s + " outside 0..1e18");
        return v;
    }

    /** Points with their lines, floored to the second, sorted, with no time twice. */
    private static final class Points {
        private final Path file;
        private final List<long[]> rows = new ArrayList<>(); // time, line
        private final List<Double> values = new ArrayList<>();
        private int floored;

        Points(Path file) { this.file = file; }

        void add(int line, long time, double value) {
            long t = Math.floorDiv(time, 1000) * 1000;
            if (t != time) floored++;
            rows.add(new long[]{t, line});
            values.add(value);
        }

        Result result(Kind kind, Symbol symbol, String format) {
            if (rows.isEmpty()) throw new TatraException(file + ": no data rows");
            Integer[] order = new Integer[rows.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Long.compare(rows.get(a)[0], rows.get(b)[0]));
            long[] t = new long[order.length];
            double[] v = new double[order.length];
            for (int k = 0; k < order.length; k++) {
                t[k] = rows.get(order[k])[0];
                v[k] = values.get(order[k]);
                if (k > 0 && t[k] == t[k - 1])
                    throw new TatraException(file + ":" + rows.get(order[k])[1] + ": time " + java.time.Instant.ofEpochMilli(t[k]) + " appears twice (also line " + rows.get(order[k - 1])[1] + ")");
            }
            return new Result(kind, symbol, format, t, v, floored);
        }
    }
}

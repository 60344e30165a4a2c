package io.tatra.ingest;

import io.tatra.market.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads candle CSVs: by header name (generic OHLCV in any column order, CryptoDataDownload, the Binance
 * USD-M export, Binance klines with a header) or, without a header, the 12-column Binance kline layout.
 */
final class CsvBarReader {
    private final Findings findings;
    private final RowParser parser;

    CsvBarReader(Findings findings) {
        this.findings = findings;
        this.parser = new RowParser(findings);
    }

    /** Column positions; -1 when absent. */
    private static final class Layout {
        int time = -1, date = -1, open = -1, high = -1, low = -1, close = -1, volume = -1, quote = -1, trades = -1, symbol = -1, closeTime = -1;
        int columns;
        SourceFormat format;
        final List<String> ignored = new ArrayList<>();
    }

    ReadResult read(SourceFile src, String firstLine) {
        String line = firstLine;
        while (line != null && line.isBlank()) line = src.next();
        if (line == null) return new ReadResult(new RawBars(), SourceFormat.GENERIC_CSV, null, null, 0);
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http") || lower.contains("cryptodatadownload")) {
            findings.add(FindingKind.PREAMBLE, src.lineNo(), "skipped '" + RowParser.abbreviate(line) + "'");
            line = src.next();
            if (line == null) return new ReadResult(new RawBars(), SourceFormat.GENERIC_CSV, null, null, 0);
        }
        String[] first = split(line);
        Layout layout;
        boolean headerless = TimeParser.isNumeric(first[0].trim());
        if (headerless) {
            layout = headerlessLayout(first.length, src.lineNo());
        } else {
            layout = headerLayout(first, src.lineNo());
            line = src.next();
        }
        RawBars bars = new RawBars();
        String symbol = null;
        Interval intervalHint = null;
        long dataRows = 0;
        for (; line != null; line = src.next()) {
            if (line.isBlank()) continue;
            dataRows++;
            long ln = src.lineNo();
            String[] f = split(line);
            if (f.length != layout.columns) {
                findings.add(FindingKind.COLUMN_COUNT, ln, "expected " + layout.columns + " columns, found " + f.length
                        + (f.length < layout.columns ? " (truncated line?)" : ""));
                continue;
            }
            if (layout.symbol >= 0) {
                String s = f[layout.symbol].trim();
                if (symbol == null) symbol = s;
                else if (!symbol.equals(s)) {
                    findings.add(FindingKind.MIXED_SYMBOLS, ln, "symbol '" + RowParser.abbreviate(s) + "' after '" + symbol + "'; import one symbol per file");
                    continue;
                }
            }
            int before = findings.rowErrors();
            long t = parser.time(f[layout.time].trim(), "timestamp", ln);
            int unit = parser.lastUnit;
            String mismatch = null;
            if (t != TimeParser.FAIL && layout.date >= 0) {
                long d = parser.time(f[layout.date].trim(), "date", ln);
                if (d != TimeParser.FAIL && d != t) {
                    mismatch = "epoch " + f[layout.time].trim() + " is " + java.time.Instant.ofEpochMilli(t) + " but date '" + f[layout.date].trim()
                            + "' is " + java.time.Instant.ofEpochMilli(d) + " (" + (t - d) / 60_000 + " min apart)";
                }
            }
            String os = f[layout.open].trim(), hs = f[layout.high].trim(), ls = f[layout.low].trim(), cs = f[layout.close].trim();
            double o = parser.number(os, "open", ln, true);
            double h = parser.number(hs, "high", ln, true);
            double l = parser.number(ls, "low", ln, true);
            double c = parser.number(cs, "close", ln, true);
            double v = parser.number(f[layout.volume].trim(), "volume", ln, true);
            double qv = layout.quote >= 0 ? parser.optionalQuote(f[layout.quote].trim(), ln) : Double.NaN;
            long tc = layout.trades >= 0 ? parser.optionalTrades(f[layout.trades].trim(), ln) : -1;
            if (intervalHint == null && layout.closeTime >= 0 && t != TimeParser.FAIL) {
                intervalHint = intervalFromCloseTime(f[layout.closeTime].trim(), t);
            }
            if (findings.rowErrors() > before) continue;
            // the row is otherwise sound: keep it on its epoch time, but the disagreement is an error (strict refuses)
            if (mismatch != null) findings.add(FindingKind.TIME_MISMATCH, ln, mismatch);
            int prec = Math.max(Math.max(RowParser.decimals(os), RowParser.decimals(hs)), Math.max(RowParser.decimals(ls), RowParser.decimals(cs)));
            bars.add(ln, t, o, h, l, c, v, qv, tc, prec, unit);
        }
        parser.finish();
        return new ReadResult(bars, layout.format, symbol, intervalHint, dataRows);
    }

    private Interval intervalFromCloseTime(String closeText, long openMillis) {
        TimeParser.TextResult r = new TimeParser.TextResult();
        long ct;
        if (TimeParser.isNumeric(closeText)) {
            double v = Double.parseDouble(closeText);
            TimeParser.Unit u = TimeParser.unitOf(v);
            if (u == null) return null;
            ct = TimeParser.toMillis(v, u);
        } else {
            ct = TimeParser.parseText(closeText, r);
            if (ct == TimeParser.FAIL) return null;
        }
        return Interval.ofMillis(ct - openMillis + 1);
    }

    private Layout headerlessLayout(int columns, long line) {
        Layout l = new Layout();
        l.columns = columns;
        if (columns < 6) {
            throw new UnknownFormat(line, "a headerless row has " + columns + " columns; a Binance kline row has 12 "
                    + "(open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore); "
                    + "otherwise add a header naming date/open/high/low/close/volume");
        }
        l.format = SourceFormat.BINANCE_KLINE;
        l.time = 0; l.open = 1; l.high = 2; l.low = 3; l.close = 4; l.volume = 5;
        if (columns > 6) l.closeTime = 6;
        if (columns > 7) l.quote = 7;
        if (columns > 8) l.trades = 8;
        return l;
    }

    private Layout headerLayout(String[] header, long line) {
        Layout l = new Layout();
        l.columns = header.length;
        int epochCol = -1, textTimeCol = -1;
        List<Integer> volumeCols = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String raw = header[i].trim();
            String k = raw.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("\"", "");
            switch (k) {
                case "unix", "unixtimestamp", "timestamp", "opentimems", "ts" -> epochCol = epochCol < 0 ? i : epochCol;
                case "opentime", "starttime", "date", "datetime", "time", "time(utc)", "dateutc" -> {
                    if (textTimeCol < 0) textTimeCol = i;
                    else l.ignored.add(raw);
                }
                case "open" -> l.open = i;
                case "high" -> l.high = i;
                case "low" -> l.low = i;
                case "close" -> l.close = i;
                case "volume", "vol", "basevolume", "baseassetvolume" -> volumeCols.add(0, i);
                case "quotevolume", "quoteassetvolume", "turnover", "quotevol" -> l.quote = i;
                case "tradecount", "trades", "count", "numberoftrades", "ntrades" -> l.trades = i;
                case "symbol", "ticker", "pair" -> l.symbol = i;
                case "closetime" -> l.closeTime = i; // only to confirm the interval
                default -> {
                    if (k.startsWith("volume") && k.length() > 6) volumeCols.add(i);
                    else l.ignored.add(raw);
                }
            }
        }
        // "Volume BTC","Volume USDT" (CryptoDataDownload): the first is base volume, the second quote volume
        if (!volumeCols.isEmpty()) l.volume = volumeCols.get(0);
        if (volumeCols.size() > 1 && l.quote < 0) l.quote = volumeCols.get(1);
        for (int j = 2; j < volumeCols.size(); j++) l.ignored.add(header[volumeCols.get(j)].trim());
        if (epochCol >= 0) {
            l.time = epochCol;
            l.date = textTimeCol;
        } else {
            l.time = textTimeCol;
        }
        List<String> missing = new ArrayList<>();
        if (l.time < 0) missing.add("a time column (date, datetime, timestamp, unix, open_time)");
        if (l.open < 0) missing.add("open");
        if (l.high < 0) missing.add("high");
        if (l.low < 0) missing.add("low");
        if (l.close < 0) missing.add("close");
        if (l.volume < 0) missing.add("volume");
        if (!missing.isEmpty()) {
            throw new UnknownFormat(line, "header '" + RowParser.abbreviate(String.join(",", header)) + "' lacks " + String.join(", ", missing));
        }
        String joined = String.join(",", header).toLowerCase(Locale.ROOT);
        if (epochCol >= 0 && textTimeCol >= 0 && l.symbol >= 0) l.format = SourceFormat.CRYPTODATADOWNLOAD;
        else if (joined.startsWith("open_time,") && joined.contains("returns")) l.format = SourceFormat.BINANCE_USDM_EXPORT;
        else if (joined.contains("taker_buy")) l.format = SourceFormat.BINANCE_KLINE;
        else l.format = SourceFormat.GENERIC_CSV;
        if (!l.ignored.isEmpty()) findings.add(FindingKind.IGNORED_COLUMNS, line, "not used: " + String.join(", ", l.ignored));
        return l;
    }

    /** Splits one CSV line; quotes are honoured only when the line has any. */
    static String[] split(String line) {
        if (line.indexOf('"') < 0) {
            int count = 1;
            for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') count++;
            String[] out = new String[count];
            int start = 0, k = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == ',') {
                    out[k++] = line.substring(start, i);
                    start = i + 1;
                }
            }
            out[k] = line.substring(start);
            return out;
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cur.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(ch);
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    /** The layout cannot be understood at all: reported as one UNKNOWN_FORMAT error. */
    static final class UnknownFormat extends RuntimeException {
        final long line;

        UnknownFormat(long line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }
}

package io.tatra.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON layouts: rows a venue module read from its document ({@link DocumentFormat}, e.g. a Bybit v5
 * kline answer, reported by 1-based entry number), freqtrade's row arrays, and the design documents' market
 * JSONL record, one object per line: {@code {"timestamp","open","high","low","close","volume","indicators"}}.
 */
final class JsonBarReader {
    private static final ObjectMapper JSON = io.tatra.Json.MAPPER;
    private final Findings findings;
    private final RowParser parser;

    JsonBarReader(Findings findings) {
        this.findings = findings;
        this.parser = new RowParser(findings);
    }

    /** Rows a venue module read from a document ({@link DocumentFormat}), through this reader's number grammar. */
    ReadResult rows(DocumentFormat.Document d, SourceFormat format) {
        RawBars bars = new RawBars();
        for (DocumentFormat.Row r : d.rows()) add(bars, r.entry(), r.time(), r.open(), r.high(), r.low(), r.close(), r.volume(), r.quoteVolume());
        parser.finish();
        return new ReadResult(bars, format, d.symbol(), null, d.entries());
    }

    /**
     * freqtrade's JSON candles, streamed (a file is one line of megabytes): {@code [[open_time_ms, open, high, low, close,
     * volume], …]}. Rows are reported by 1-based row number. The symbol and interval come from freqtrade's file name
     * ({@code BTC_USDT-5m.json.gz}, {@code BTC_USDT_USDT-5m-futures.json}).
     */
    ReadResult readFreqtrade(java.io.Reader reader, java.nio.file.Path file) {
        RawBars bars = new RawBars();
        long row = 0;
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(reader)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) throw new CsvBarReader.UnknownFormat(1, "not a JSON array of rows");
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) throw new CsvBarReader.UnknownFormat(1, "the JSON array ends early after row " + row + " (truncated file)");
                row++;
                if (t != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    findings.add(FindingKind.COLUMN_COUNT, row, "row " + row + " is not an array; expected [time, open, high, low, close, volume]");
                    p.skipChildren();
                    continue;
                }
                String[] f = new String[6];
                int n = 0;
                for (com.fasterxml.jackson.core.JsonToken v = p.nextToken(); v != com.fasterxml.jackson.core.JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == null) throw new CsvBarReader.UnknownFormat(1, "row " + row + " ends early (truncated file)");
                    if (v.isStructStart()) p.skipChildren();
                    if (n < 6) f[n] = v.isScalarValue() && v != com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? p.getText() : "";
                    n++;
                }
                if (n != 6) {
                    findings.add(FindingKind.COLUMN_COUNT, row, "row " + row + " has " + n + " fields; expected 6 [time, open, high, low, close, volume]");
                    continue;
                }
                add(bars, row, f[0], f[1], f[2], f[3], f[4], f[5], null);
            }
            if (p.nextToken() != null) throw new CsvBarReader.UnknownFormat(1, "text after the closing ] of the row array");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CsvBarReader.UnknownFormat(1, "malformed JSON after row " + row + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new io.tatra.TatraException(file + ": " + e.getMessage());
        }
        parser.finish();
        FreqtradeName name = FreqtradeName.of(file);
        return new ReadResult(bars, SourceFormat.FREQTRADE_JSON, name.symbol(), name.interval(), row);
    }

    /** JSONL: one market record per line. */
    ReadResult readJsonl(SourceFile src, String firstLine) {
        RawBars bars = new RawBars();
        long rows = 0;
        boolean indicatorsNoted = false;
        for (String line = firstLine; line != null; line = src.next()) {
            if (line.isBlank()) continue;
            rows++;
            long ln = src.lineNo();
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                findings.add(FindingKind.UNPARSEABLE, ln, "malformed JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (!o.isObject()) {
                findings.add(FindingKind.UNPARSEABLE, ln, "expected a JSON object");
                continue;
            }
            if (!indicatorsNoted && o.has("indicators")) {
                indicatorsNoted = true;
                findings.add(FindingKind.IGNORED_COLUMNS, ln, "'indicators' not used: Tatra computes its own features from OHLCV");
            }
            add(bars, ln, text(o.get("timestamp")), text(o.get("open")), text(o.get("high")), text(o.get("low")),
                    text(o.get("close")), text(o.get("volume")), null);
        }
        parser.finish();
        return new ReadResult(bars, SourceFormat.MARKET_JSONL, null, null, rows);
    }

    private void add(RawBars bars, long ln, String ts, String os, String hs, String ls, String cs, String vs, String qs) {
        int before = findings.rowErrors();
        long t = parser.time(ts, "timestamp", ln);
        int unit = parser.lastUnit;
        double o = parser.number(os, "open", ln, true);
        double h = parser.number(hs, "high", ln, true);
        double l = parser.number(ls, "low", ln, true);
        double c = parser.number(cs, "close", ln, true);
        double v = parser.number(vs, "volume", ln, true);
        double q = qs == null ? Double.NaN : parser.optionalQuote(qs, ln);
        if (findings.rowErrors() > before) return;
        int prec = Math.max(Math.max(RowParser.decimals(os), RowParser.decimals(hs)), Math.max(RowParser.decimals(ls), RowParser.decimals(cs)));
        bars.add(ln, t, o, h, l, c, v, q, -1, prec, unit);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return n.isNumber() ? n.numberValue().toString() : n.asText().trim();
    }
}

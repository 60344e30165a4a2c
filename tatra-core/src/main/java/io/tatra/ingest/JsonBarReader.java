package io.tatra.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the two JSON layouts: a Bybit v5 {@code /v5/market/kline} response (one document; rows are the
 * entries of {@code result.list}, reported by 1-based entry number) and the design documents' market
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

    /** Bybit: the whole text is one JSON document. */
    ReadResult readBybit(String text, long firstLine) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CsvBarReader.UnknownFormat(firstLine + e.getLocation().getLineNr() - 1, "malformed JSON: " + e.getOriginalMessage());
        }
        JsonNode ret = root.get("retCode");
        if (ret != null && ret.asInt(-1) != 0) {
            findings.add(FindingKind.API_ERROR, 0, "Bybit retCode " + ret.asText() + ": " + root.path("retMsg").asText());
            return new ReadResult(new RawBars(), SourceFormat.BYBIT_KLINE_JSON, null, null, 0);
        }
        JsonNode list = root.path("result").path("list");
        if (!list.isArray()) throw new CsvBarReader.UnknownFormat(firstLine, "JSON has no result.list array (expected a Bybit v5 kline response)");
        String symbol = root.path("result").path("symbol").asText(null);
        RawBars bars = new RawBars();
        long entry = 0;
        for (JsonNode row : list) {
            entry++;
            if (!row.isArray() || row.size() < 6) {
                findings.add(FindingKind.COLUMN_COUNT, entry, "result.list entry " + entry + " has " + (row.isArray() ? row.size() : 0)
                        + " fields; expected 7 [startTime, open, high, low, close, volume, turnover]");
                continue;
            }
            add(bars, entry, text(row.get(0)), text(row.get(1)), text(row.get(2)), text(row.get(3)), text(row.get(4)),
                    text(row.get(5)), row.size() > 6 ? text(row.get(6)) : null);
        }
        parser.finish();
        return new ReadResult(bars, SourceFormat.BYBIT_KLINE_JSON, symbol, null, entry);
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

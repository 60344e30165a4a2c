package io.tatra.bybit.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import io.tatra.ingest.DocumentFormat;
import io.tatra.ingest.Finding;
import io.tatra.ingest.FindingKind;
import io.tatra.ingest.SourceFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * A saved {@code /v5/market/kline} answer as a candle file: the importer reads it through this module's own kline row
 * parser ({@link Kline#rowFields}), so the file importer and the client agree on what a Bybit kline row is. Rows are
 * numbered by 1-based entry; a row that is no kline row is reported and (under the repair policy) dropped.
 */
public final class KlineDocument implements DocumentFormat {
    @Override
    public SourceFormat format() { return SourceFormat.BYBIT_KLINE_JSON; }

    @Override
    public boolean accepts(String firstLine) {
        return firstLine.equals("{") || firstLine.contains("\"retCode\"") || firstLine.contains("\"result\"");
    }

    @Override
    public Document read(String text) {
        List<Finding> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new Finding(FindingKind.UNKNOWN_FORMAT, e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr()), "malformed JSON: " + e.getOriginalMessage()));
            return new Document(null, 0, List.of(), problems);
        }
        JsonNode ret = root == null ? null : root.get("retCode");
        if (ret != null && ret.asInt(-1) != 0) {
            problems.add(new Finding(FindingKind.API_ERROR, 0, "Bybit retCode " + ret.asText() + ": " + root.path("retMsg").asText()));
            return new Document(null, 0, List.of(), problems);
        }
        JsonNode list = root == null ? null : root.path("result").path("list");
        if (list == null || !list.isArray()) {
            problems.add(new Finding(FindingKind.UNKNOWN_FORMAT, 1, "JSON has no result.list array (expected a Bybit v5 kline response)"));
            return new Document(null, 0, List.of(), problems);
        }
        String symbol = root.path("result").path("symbol").asText(null);
        List<Row> rows = new ArrayList<>();
        long entry = 0;
        for (JsonNode row : list) {
            entry++;
            if (!row.isArray() || row.size() < 6) {
                problems.add(new Finding(FindingKind.COLUMN_COUNT, entry, "result.list entry " + entry + " has " + (row.isArray() ? row.size() : 0)
                        + " fields; expected 7 [startTime, open, high, low, close, volume, turnover]"));
                continue;
            }
            try {
                String[] f = Kline.rowFields(row);
                rows.add(new Row(entry, f[0], f[1], f[2], f[3], f[4], f[5], f.length > 6 ? f[6] : null));
            } catch (ProtocolException e) {
                problems.add(new Finding(FindingKind.UNPARSEABLE, entry, "result.list entry " + entry + ": " + e.getMessage()));
            }
        }
        return new Document(symbol, entry, rows, problems);
    }
}

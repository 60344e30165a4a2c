package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.RetCode;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One REST request as the routes see it: the raw query string and body exactly as received (what was signed), the
 * query parameters decoded, and the body's JSON for POSTs. Parameter readers throw Bybit's 10001 texts.
 */
record Call(String method, String path, String rawQuery, String body, Map<String, String> query, JsonNode json) {
    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** A parameter from the query (GET) or the body (POST); null when absent or empty. */
    String param(String name) {
        if (json != null) {
            JsonNode v = json.get(name);
            return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
        }
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = param(name);
        if (v == null) throw new VenueException(RetCode.PARAMS, "params error: " + name + " is required");
        return v;
    }

    long longParam(String name, long fallback) {
        String v = param(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new VenueException(RetCode.PARAMS, "params error: " + name + " invalid");
        }
    }

    int limit(int fallback, int max) {
        long v = longParam("limit", fallback);
        if (v < 1 || v > max) throw new VenueException(RetCode.PARAMS, "params error: limit must be in [1, " + max + "]");
        return (int) v;
    }

    BigDecimal decimal(String name) {
        String v = param(name);
        if (v == null) return null;
        if (!v.matches("[0-9]+(\\.[0-9]+)?")) throw new VenueException(RetCode.PARAMS, "params error: " + name + " invalid");
        return new BigDecimal(v);
    }

    void category() {
        String c = param("category");
        if (c != null && !c.equals("linear")) throw new VenueException(RetCode.PARAMS, "params error: category only support linear on the paper exchange");
    }
}

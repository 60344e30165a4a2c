package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading Bybit's number strings and integer strings from a JSON object, exactly, with the field named on error. */
final class Decimals {
    static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private Decimals() {}

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) throw new ProtocolException("field '" + field + "' is missing");
        if (!v.isTextual()) throw new ProtocolException("field '" + field + "' is " + v.getNodeType() + ", Bybit sends a string");
        return v.asText();
    }

    static BigDecimal decimal(JsonNode o, String field) {
        String s = text(o, field);
        if (!DECIMAL.matcher(s).matches()) throw new ProtocolException("field '" + field + "' = '" + Envelope.abbreviate(s) + "' is not a decimal");
        return new BigDecimal(s);
    }

    static long millis(JsonNode o, String field) {
        String s = text(o, field);
        if (!INTEGER.matcher(s).matches()) throw new ProtocolException("field '" + field + "' = '" + Envelope.abbreviate(s) + "' is not an integer");
        return Long.parseLong(s);
    }
}

package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading Bybit's number strings and integer strings from a JSON object, exactly, with the field named on error. */
final class Decimals {
    static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private Decimals() {}

    /** The string value {@code v} (a field of an object or an element of a row, named {@code what} in errors). */
    static String textValue(JsonNode v, String what) {
        if (v == null || v.isNull()) throw new ProtocolException(what + " is missing");
        if (!v.isTextual()) throw new ProtocolException(what + " is " + v.getNodeType() + ", Bybit sends a string");
        return v.asText();
    }

    static String text(JsonNode o, String field) { return textValue(o.get(field), "field '" + field + "'"); }

    /** The exact decimal in the string value {@code v}. */
    static BigDecimal decimalValue(JsonNode v, String what) {
        String s = textValue(v, what);
        if (!DECIMAL.matcher(s).matches()) throw new ProtocolException(what + " = '" + Envelope.abbreviate(s) + "' is not a decimal");
        return new BigDecimal(s);
    }

    static BigDecimal decimal(JsonNode o, String field) { return decimalValue(o.get(field), "field '" + field + "'"); }

    static long millis(JsonNode o, String field) {
        String s = text(o, field);
        if (!INTEGER.matcher(s).matches()) throw new ProtocolException("field '" + field + "' = '" + Envelope.abbreviate(s) + "' is not an integer");
        return Long.parseLong(s);
    }
}

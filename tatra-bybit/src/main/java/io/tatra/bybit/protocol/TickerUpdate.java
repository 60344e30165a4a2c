package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * One {@code tickers.{symbol}} WebSocket message of the linear category: a {@code snapshot} after subscribing, then
 * {@code delta}s every 100 ms where a field missing means unchanged. Only what the live engine reads is kept: the open
 * interest and the funding rate that settles at {@code nextFundingTime}, when the message carries them (null / 0
 * otherwise), and the envelope's {@code ts}.
 */
public record TickerUpdate(String symbol, boolean snapshot, long ts, BigDecimal openInterest, BigDecimal fundingRate, long nextFundingTime) {
    public TickerUpdate {
        if (symbol == null || symbol.isEmpty()) throw new ProtocolException("ticker without a symbol");
        if (openInterest != null && openInterest.signum() < 0) throw new ProtocolException(symbol + ": negative open interest " + openInterest.toPlainString());
        if (nextFundingTime < 0) throw new ProtocolException(symbol + ": negative next funding time " + nextFundingTime);
    }

    private static boolean present(JsonNode data, String field) { return data.hasNonNull(field) && !data.path(field).asText().isEmpty(); }

    /** Whether a frame's topic is a ticker topic (other frames are not parsed here). */
    public static boolean isTicker(JsonNode msg) { return msg.path("topic").asText("").startsWith("tickers."); }

    /** Parses one ticker frame; the symbol comes from the topic and must agree with the data's. */
    public static TickerUpdate parse(JsonNode msg) {
        String topic = msg.path("topic").asText("");
        String[] t = topic.split("\\.");
        if (t.length != 2 || !t[0].equals("tickers") || t[1].isEmpty()) throw new ProtocolException("not a ticker topic: '" + topic + "'");
        String type = msg.path("type").asText("");
        if (!type.equals("snapshot") && !type.equals("delta")) throw new ProtocolException(topic + ": type must be snapshot or delta, got '" + type + "'");
        JsonNode data = msg.path("data");
        if (!data.isObject()) throw new ProtocolException(topic + ": data is not an object");
        String sym = data.path("symbol").asText(t[1]);
        if (!sym.equals(t[1])) throw new ProtocolException(topic + ": data is for " + sym);
        JsonNode ts = msg.get("ts");
        if (ts == null || !ts.isIntegralNumber()) throw new ProtocolException(topic + ": field 'ts' must be an integer (ms)");
        try {
            BigDecimal oi = present(data, "openInterest") ? Decimals.decimal(data, "openInterest") : null;
            BigDecimal rate = present(data, "fundingRate") ? Decimals.decimal(data, "fundingRate") : null;
            long next = present(data, "nextFundingTime") ? Decimals.millis(data, "nextFundingTime") : 0;
            return new TickerUpdate(t[1], type.equals("snapshot"), ts.asLong(), oi, rate, next);
        } catch (ProtocolException e) {
            throw new ProtocolException(topic + ": " + e.getMessage());
        }
    }
}

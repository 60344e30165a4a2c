package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A linear ticker ({@code /v5/market/tickers}): prices, best bid/ask, the last funding rate, next funding time and open interest. */
public record Ticker(String symbol, BigDecimal lastPrice, BigDecimal markPrice, BigDecimal bid1Price, BigDecimal ask1Price, BigDecimal fundingRate,
                     long nextFundingTime, BigDecimal openInterest) {
    /** One ticker object (a REST list item, or a stream ticker after its deltas were merged onto the snapshot). */
    public static Ticker of(JsonNode o) {
        return new Ticker(Decimals.text(o, "symbol"), Decimals.decimal(o, "lastPrice"), OrderInfo.optional(o, "markPrice"), OrderInfo.optional(o, "bid1Price"),
                OrderInfo.optional(o, "ask1Price"), OrderInfo.optional(o, "fundingRate"), o.path("nextFundingTime").asText("").isEmpty() ? 0 : Decimals.millis(o, "nextFundingTime"),
                OrderInfo.optional(o, "openInterest"));
    }

    public static List<Ticker> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("tickers answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray()) throw new ProtocolException("tickers result has no list");
        List<Ticker> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(of(list.get(i)));
            } catch (ProtocolException ex) {
                throw new ProtocolException("ticker " + i + ": " + ex.getMessage());
            }
        }
        return out;
    }
}

package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One {@code /v5/market/funding/history} entry: the rate settled at {@code time} (ms). */
public record FundingRate(String symbol, BigDecimal rate, long time) {
    public FundingRate {
        if (symbol == null || symbol.isBlank()) throw new ProtocolException("funding entry without a symbol");
        if (rate == null || rate.abs().compareTo(BigDecimal.ONE) >= 0) throw new ProtocolException("funding rate " + rate + " is not a rate (|r| < 1)");
        if (time <= 0) throw new ProtocolException("funding time must be > 0, got " + time);
    }

    /** One page in time order (Bybit sends newest first). */
    public static List<FundingRate> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("funding answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray()) throw new ProtocolException("funding result has no list");
        List<FundingRate> out = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode o = list.get(i);
            try {
                out.add(new FundingRate(Decimals.text(o, "symbol"), Decimals.decimal(o, "fundingRate"), Decimals.millis(o, "fundingRateTimestamp")));
            } catch (ProtocolException ex) {
                throw new ProtocolException("funding entry " + i + ": " + ex.getMessage());
            }
        }
        out.sort(java.util.Comparator.comparingLong(FundingRate::time));
        return out;
    }
}

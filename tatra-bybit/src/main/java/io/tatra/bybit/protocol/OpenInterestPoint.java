package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One {@code /v5/market/open-interest} point: open interest (both sides, base coin) at {@code time}. */
public record OpenInterestPoint(BigDecimal openInterest, long time) {
    public OpenInterestPoint {
        if (openInterest.signum() < 0) throw new ProtocolException("negative open interest " + openInterest);
    }

    /** One page in time order and the cursor of the next (null on the last page: Bybit sends ""). */
    public record Page(List<OpenInterestPoint> points, String nextCursor) {}

    public static Page page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("open interest answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray()) throw new ProtocolException("open interest result has no list");
        List<OpenInterestPoint> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            try {
                out.add(new OpenInterestPoint(Decimals.decimal(o, "openInterest"), Decimals.millis(o, "timestamp")));
            } catch (ProtocolException ex) {
                throw new ProtocolException("open interest " + i + ": " + ex.getMessage());
            }
        }
        out.sort(Comparator.comparingLong(OpenInterestPoint::time));
        String cursor = e.result().path("nextPageCursor").asText("");
        return new Page(out, cursor.isEmpty() ? null : cursor);
    }
}

package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /v5/market/kline} row: {@code [startTime, open, high, low, close, volume, turnover]}, all strings, parsed
 * exactly ({@link BigDecimal}); volume in base coin, turnover in quote coin (linear).
 */
public record Kline(long startTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal turnover) {
    public Kline {
        if (startTime <= 0) throw new ProtocolException("kline startTime must be > 0, got " + startTime);
        for (BigDecimal p : new BigDecimal[]{open, high, low, close})
            if (p == null || p.signum() <= 0) throw new ProtocolException("kline prices must be > 0, got " + p);
        if (volume == null || volume.signum() < 0 || turnover == null || turnover.signum() < 0) throw new ProtocolException("kline volume and turnover must be >= 0");
        if (high.compareTo(low) < 0) throw new ProtocolException("kline high " + high + " below low " + low);
    }

    /** One page's rows in time order (Bybit sends newest first); a malformed row is an error naming its index. */
    public static List<Kline> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("kline answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray()) throw new ProtocolException("kline result has no list");
        List<Kline> out = new ArrayList<>(list.size());
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode row = list.get(i);
            if (!row.isArray() || row.size() < 7) throw new ProtocolException("kline row " + i + " has " + (row.isArray() ? row.size() : 0) + " fields, expected 7");
            try {
                out.add(new Kline(Long.parseLong(text(row, 0)), decimal(row, 1), decimal(row, 2), decimal(row, 3), decimal(row, 4), decimal(row, 5), decimal(row, 6)));
            } catch (NumberFormatException | ProtocolException ex) {
                throw new ProtocolException("kline row " + i + ": " + ex.getMessage());
            }
        }
        for (int i = 1; i < out.size(); i++)
            if (out.get(i).startTime() <= out.get(i - 1).startTime()) throw new ProtocolException("kline rows are not strictly newest first at row " + (list.size() - 1 - i));
        return out;
    }

    private static String text(JsonNode row, int i) { return Decimals.textValue(row.get(i), "field " + i); }

    private static BigDecimal decimal(JsonNode row, int i) { return Decimals.decimalValue(row.get(i), "field " + i); }
}

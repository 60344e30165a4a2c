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
                String[] f = rowFields(row);
                out.add(new Kline(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5]),
                        new BigDecimal(f[6])));
            } catch (NumberFormatException | ProtocolException ex) {
                throw new ProtocolException("kline row " + i + ": " + ex.getMessage());
            }
        }
        for (int i = 1; i < out.size(); i++)
            if (out.get(i).startTime() <= out.get(i - 1).startTime()) throw new ProtocolException("kline rows are not strictly newest first at row " + (list.size() - 1 - i));
        return out;
    }

    /**
     * The fields of one kline row as exact decimal strings ({@code [startTime, open, high, low, close, volume(, turnover)]}):
     * every field a JSON string, the time an integer, the rest decimals; the row's consistency (high ≥ low, …) is left
     * to the caller (the client's {@link Kline} record, the file importer's validator). Shared by both, so they agree.
     */
    public static String[] rowFields(JsonNode row) {
        if (row == null || !row.isArray() || row.size() < 6) throw new ProtocolException("a kline row has 6 or 7 fields");
        String[] out = new String[Math.min(7, row.size())];
        String t = Decimals.textValue(row.get(0), "field 0");
        if (!Decimals.INTEGER.matcher(t).matches()) throw new ProtocolException("field 0 = '" + Envelope.abbreviate(t) + "' is not an integer time");
        out[0] = t;
        for (int i = 1; i < out.length; i++) out[i] = Decimals.decimalValue(row.get(i), "field " + i).toPlainString();
        return out;
    }
}

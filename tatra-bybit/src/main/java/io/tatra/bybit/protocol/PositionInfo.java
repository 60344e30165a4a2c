package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /v5/position/list} row of a one-way linear position: side ({@code ""} when flat), size (always positive),
 * entry price ({@code avgPrice} on REST, {@code entryPrice} on the private stream), mark price, leverage, unrealised and
 * cumulative realised P&amp;L, and the attached take profit and stop loss (null when unset: Bybit sends {@code "0"} or
 * {@code "0.00"}). The signed quantity is what reconciliation compares with Tatra's own portfolio at start.
 */
public record PositionInfo(String symbol, String side, BigDecimal size, BigDecimal entryPrice, BigDecimal markPrice, BigDecimal leverage,
                           BigDecimal unrealisedPnl, BigDecimal cumRealisedPnl, BigDecimal takeProfit, BigDecimal stopLoss) {
    public PositionInfo {
        if (!side.isEmpty() && !side.equals("Buy") && !side.equals("Sell")) throw new ProtocolException("position side '" + side + "' is not Buy, Sell or empty");
        if (size.signum() < 0) throw new ProtocolException("position size must be >= 0, got " + size);
        if (side.isEmpty() && size.signum() != 0) throw new ProtocolException("a flat position (side \"\") has size " + size);
    }

    /** Size with a sign: + long, − short, 0 flat. */
    public BigDecimal signedQty() { return side.equals("Sell") ? size.negate() : size; }

    /** The rows of one page (REST, or a private {@code position} message when {@code stream} is true). */
    public static List<PositionInfo> list(JsonNode list, boolean stream) {
        if (!list.isArray()) throw new ProtocolException("position result has no list");
        List<PositionInfo> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            try {
                JsonNode idx = o.get("positionIdx");
                if (idx != null && idx.asInt(-1) != 0) throw new ProtocolException("positionIdx " + idx + ": Tatra trades one-way mode (positionIdx 0)");
                out.add(new PositionInfo(Decimals.text(o, "symbol"), Decimals.text(o, "side"), Decimals.decimal(o, "size"),
                        optional(o, stream ? "entryPrice" : "avgPrice"), optional(o, "markPrice"), optional(o, "leverage"), optional(o, "unrealisedPnl"),
                        optional(o, "cumRealisedPnl"), level(o, "takeProfit"), level(o, "stopLoss")));
            } catch (ProtocolException ex) {
                throw new ProtocolException("position " + i + ": " + ex.getMessage());
            }
        }
        return out;
    }

    public static List<PositionInfo> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("position answer is an error: " + e.retCode() + " " + e.retMsg());
        return list(e.result().path("list"), false);
    }

    /** A decimal field that may be "" (none): zero then. */
    private static BigDecimal optional(JsonNode o, String field) {
        if (o.path(field).isTextual() && o.path(field).asText().isEmpty()) return BigDecimal.ZERO;
        return Decimals.decimal(o, field);
    }

    /** A price level that Bybit marks unset with "", "0" or "0.00": null then. */
    private static BigDecimal level(JsonNode o, String field) {
        if (!o.has(field)) return null;
        BigDecimal v = optional(o, field);
        return v.signum() == 0 ? null : v;
    }
}

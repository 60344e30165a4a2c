package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;

import java.math.BigDecimal;

/**
 * {@code POST /v5/order/create} for a linear perpetual (one-way mode). Quantities and prices are exact decimals and go
 * on the wire as Bybit's strings ({@code "0.001"}, never {@code 1.0E-3}); every order carries an {@link OrderLinkId}.
 * {@link #toJson()} is the exact body that is signed and sent; {@link #parse} reads a body as the paper exchange
 * receives it, with Bybit's 10001 reasons.
 */
public record OrderRequest(String symbol, Side side, Type type, BigDecimal qty, BigDecimal price, TimeInForce timeInForce, OrderLinkId orderLinkId,
                           boolean reduceOnly, BigDecimal takeProfit, BigDecimal stopLoss) {
    public enum Side { Buy, Sell }

    public enum Type { Market, Limit }

    public enum TimeInForce { GTC, IOC, FOK, PostOnly }

    public OrderRequest {
        if (symbol == null || !symbol.matches("[A-Z0-9]{2,30}")) throw new ProtocolException("params error: symbol invalid");
        // values as they go on the wire (a plain decimal string): 6.4E+4 and 64000 are the same order
        qty = plain(qty);
        price = plain(price);
        takeProfit = plain(takeProfit);
        stopLoss = plain(stopLoss);
        if (side == null) throw new ProtocolException("params error: side invalid");
        if (type == null) throw new ProtocolException("params error: orderType invalid");
        if (qty == null || qty.signum() <= 0) throw new ProtocolException("Qty invalid");
        if (type == Type.Limit && (price == null || price.signum() <= 0)) throw new ProtocolException("params error: price is required for a Limit order");
        if (type == Type.Market) {
            price = null;
            timeInForce = TimeInForce.IOC; // Bybit: a market order is always IOC
        }
        if (timeInForce == null) timeInForce = TimeInForce.GTC;
        if (orderLinkId == null) throw new ProtocolException("Tatra sends every order with an orderLinkId");
        if (reduceOnly && (takeProfit != null || stopLoss != null)) throw new ProtocolException("params error: a reduce-only order cannot set take profit or stop loss");
        if (takeProfit != null && takeProfit.signum() <= 0 || stopLoss != null && stopLoss.signum() <= 0)
            throw new ProtocolException("params error: take profit and stop loss must be > 0");
    }

    private static BigDecimal plain(BigDecimal v) { return v == null ? null : new BigDecimal(v.toPlainString()); }

    /** The body, compact JSON, fields in a fixed order; the exact bytes the signature covers. */
    public String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("category", "linear");
        o.put("symbol", symbol);
        o.put("side", side.name());
        o.put("orderType", type.name());
        o.put("qty", qty.toPlainString());
        if (price != null) o.put("price", price.toPlainString());
        o.put("timeInForce", timeInForce.name());
        o.put("orderLinkId", orderLinkId.value());
        if (reduceOnly) o.put("reduceOnly", true);
        if (takeProfit != null) o.put("takeProfit", takeProfit.toPlainString());
        if (stopLoss != null) o.put("stopLoss", stopLoss.toPlainString());
        return Json.line(o);
    }

    /** A body as received (any client's field order and spacing); only linear one-way orders are accepted. */
    public static OrderRequest parse(String body) { return of(Envelope.tree(body)); }

    /** A body already read as a JSON object (the paper exchange reads each body once). */
    public static OrderRequest of(JsonNode o) {
        if (!"linear".equals(o.path("category").asText())) throw new ProtocolException("params error: category invalid");
        return new OrderRequest(o.path("symbol").asText(), enumOf(Side.class, o, "side"), enumOf(Type.class, o, "orderType"), decimal(o, "qty"),
                o.has("price") ? decimal(o, "price") : null, o.has("timeInForce") ? enumOf(TimeInForce.class, o, "timeInForce") : null,
                linkId(o), o.path("reduceOnly").asBoolean(false), o.has("takeProfit") ? decimal(o, "takeProfit") : null,
                o.has("stopLoss") ? decimal(o, "stopLoss") : null);
    }

    private static OrderLinkId linkId(JsonNode o) {
        if (!o.hasNonNull("orderLinkId")) throw new ProtocolException("params error: orderLinkId is required");
        try {
            return new OrderLinkId(o.get("orderLinkId").asText());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("params error: orderLinkId invalid");
        }
    }

    /** Bybit accepts numbers as strings; some clients send JSON numbers. Both are read exactly. */
    private static BigDecimal decimal(JsonNode o, String field) {
        JsonNode v = o.get(field);
        String s;
        if (v != null && v.isNumber()) {
            // a JSON number like 1e10000000 is infinite as a double, or millions of digits as a decimal: refuse it
            BigDecimal d;
            try {
                d = v.decimalValue();
            } catch (NumberFormatException e) {
                throw new ProtocolException("params error: " + field + " invalid");
            }
            if (d.scale() > 30 || d.precision() - d.scale() > 30) throw new ProtocolException("params error: " + field + " invalid");
            s = d.toPlainString();
        } else {
            s = v == null || v.isNull() ? "" : v.asText();
        }
        if (!Decimals.DECIMAL.matcher(s).matches()) throw new ProtocolException("params error: " + field + " invalid");
        return new BigDecimal(s);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode o, String field) {
        try {
            return Enum.valueOf(type, o.path(field).asText());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("params error: " + field + " invalid");
        }
    }

    /** The ack: Bybit only says the order was accepted; its status arrives on the order stream. */
    public record Ack(String orderId, OrderLinkId orderLinkId) {
        public static Ack of(Envelope e) {
            if (!e.ok()) throw new ProtocolException("order answer is an error: " + e.retCode() + " " + e.retMsg());
            String id = e.result().path("orderId").asText("");
            if (id.isEmpty()) throw new ProtocolException("order ack without an orderId");
            return new Ack(id, new OrderLinkId(e.result().path("orderLinkId").asText()));
        }
    }
}

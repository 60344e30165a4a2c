package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One order as {@code /v5/order/realtime}, {@code /v5/order/history} and the private {@code order} stream report it:
 * identity, what was asked, and how much is done ({@code cumExecQty}, {@code avgPrice}: {@code ""} or {@code "0"} when
 * nothing filled), with its status and, when cancelled or rejected, why.
 */
public record OrderInfo(String orderId, String orderLinkId, String symbol, String side, String orderType, BigDecimal price, BigDecimal qty,
                        String status, BigDecimal cumExecQty, BigDecimal avgPrice, BigDecimal cumExecFee, String cancelType, String rejectReason,
                        boolean reduceOnly, long createdTime, long updatedTime) {
    public OrderInfo {
        if (orderId == null || orderId.isEmpty()) throw new ProtocolException("order without an orderId");
        if (qty.signum() < 0 || cumExecQty.signum() < 0) throw new ProtocolException("order " + orderId + ": negative quantity");
    }

    /** New, PartiallyFilled or Untriggered: still working. */
    public boolean open() { return status.equals("New") || status.equals("PartiallyFilled") || status.equals("Untriggered"); }

    public static List<OrderInfo> list(JsonNode list) {
        if (!list.isArray()) throw new ProtocolException("order result has no list");
        List<OrderInfo> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            try {
                out.add(new OrderInfo(Decimals.text(o, "orderId"), Decimals.text(o, "orderLinkId"), Decimals.text(o, "symbol"), Decimals.text(o, "side"),
                        Decimals.text(o, "orderType"), optional(o, "price"), Decimals.decimal(o, "qty"), Decimals.text(o, "orderStatus"),
                        Decimals.decimal(o, "cumExecQty"), optional(o, "avgPrice"), optional(o, "cumExecFee"), o.path("cancelType").asText(""),
                        o.path("rejectReason").asText(""), o.path("reduceOnly").asBoolean(false), Decimals.millis(o, "createdTime"), Decimals.millis(o, "updatedTime")));
            } catch (ProtocolException ex) {
                throw new ProtocolException("order " + i + ": " + ex.getMessage());
            }
        }
        return out;
    }

    public static List<OrderInfo> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("order answer is an error: " + e.retCode() + " " + e.retMsg());
        return list(e.result().path("list"));
    }

    /** A decimal that may be "" (none): zero then. */
    static BigDecimal optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) return BigDecimal.ZERO;
        return Decimals.decimalValue(v, "field '" + field + "'");
    }
}

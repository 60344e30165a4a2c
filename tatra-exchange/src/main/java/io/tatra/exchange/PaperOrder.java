package io.tatra.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.bybit.protocol.OrderRequest;

import java.math.BigDecimal;

/**
 * One order's state on the paper exchange, written as a {@code /v5/order/realtime} item (the documented fields, with
 * Bybit's values for untouched ones: {@code "UNKNOWN"}, {@code "EC_NoError"}, {@code "0"}).
 */
public final class PaperOrder {
    public enum Status { New, PartiallyFilled, Filled, Cancelled, Rejected }

    final String orderId;
    final OrderRequest request;
    final long createdTime;
    final int symbolIndex;
    Status status = Status.New;
    double cumExecQty, cumExecValue, cumExecFee;
    long updatedTime;
    String rejectReason = "EC_NoError", cancelType = "UNKNOWN";

    PaperOrder(String orderId, OrderRequest request, int symbolIndex, long createdTime) {
        this.orderId = orderId;
        this.request = request;
        this.symbolIndex = symbolIndex;
        this.createdTime = createdTime;
        this.updatedTime = createdTime;
    }

    public boolean open() { return status == Status.New || status == Status.PartiallyFilled; }

    public String orderId() { return orderId; }

    public String orderLinkId() { return request.orderLinkId().value(); }

    public Status status() { return status; }

    public double filledQty() { return cumExecQty; }

    int side() { return request.side() == OrderRequest.Side.Buy ? 1 : -1; }

    double leaves() { return Math.max(0, request.qty().doubleValue() - cumExecQty); }

    void executed(double qty, double price, double fee, long time) {
        cumExecQty += qty;
        cumExecValue += qty * price;
        cumExecFee += fee;
        updatedTime = time;
        status = leaves() <= request.qty().doubleValue() * 1e-12 ? Status.Filled : Status.PartiallyFilled;
    }

    /** This order with a changed request (Bybit's amend): the same id, what was already filled, and its status. */
    PaperOrder amended(OrderRequest changed, long time) {
        PaperOrder a = new PaperOrder(orderId, changed, symbolIndex, createdTime);
        a.cumExecQty = cumExecQty;
        a.cumExecValue = cumExecValue;
        a.cumExecFee = cumExecFee;
        a.status = status;
        a.updatedTime = time;
        return a;
    }

    void cancel(String why, long time) {
        status = Status.Cancelled;
        cancelType = why;
        updatedTime = time;
    }

    ObjectNode toJson(Formats f) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        OrderRequest r = request;
        o.put("orderId", orderId);
        o.put("orderLinkId", r.orderLinkId().value());
        o.put("parentOrderLinkId", "");
        o.put("blockTradeId", "");
        o.put("symbol", r.symbol());
        o.put("price", r.price() == null ? "0" : r.price().toPlainString());
        o.put("qty", r.qty().toPlainString());
        o.put("side", r.side().name());
        o.put("isLeverage", "");
        o.put("positionIdx", 0);
        o.put("orderStatus", status.name());
        o.put("createType", "CreateByUser");
        o.put("cancelType", cancelType);
        o.put("rejectReason", rejectReason);
        o.put("avgPrice", cumExecQty > 0 ? f.price(cumExecValue / cumExecQty) : "0");
        o.put("leavesQty", status == Status.Cancelled || status == Status.Rejected ? "0" : f.qty(leaves()));
        o.put("leavesValue", r.price() == null ? "0" : f.money(leaves() * r.price().doubleValue()));
        o.put("cumExecQty", f.qty(cumExecQty));
        o.put("cumExecValue", f.money(cumExecValue));
        o.put("cumExecFee", f.fee(cumExecFee));
        o.putObject("cumFeeDetail").put("USDT", f.fee(cumExecFee));
        o.put("timeInForce", r.timeInForce().name());
        o.put("orderType", r.type().name());
        o.put("stopOrderType", "");
        o.put("orderIv", "");
        o.put("marketUnit", "");
        o.put("triggerPrice", "0");
        o.put("takeProfit", level(r.takeProfit()));
        o.put("stopLoss", level(r.stopLoss()));
        o.put("tpslMode", r.takeProfit() != null || r.stopLoss() != null ? "Full" : "");
        o.put("ocoTriggerBy", "");
        o.put("tpLimitPrice", "0");
        o.put("slLimitPrice", "0");
        o.put("tpTriggerBy", r.takeProfit() != null ? "LastPrice" : "");
        o.put("slTriggerBy", r.stopLoss() != null ? "LastPrice" : "");
        o.put("triggerDirection", 0);
        o.put("triggerBy", "UNKNOWN");
        o.put("lastPriceOnCreated", "");
        o.put("basePrice", "");
        o.put("reduceOnly", r.reduceOnly());
        o.put("closeOnTrigger", false);
        o.put("placeType", "");
        o.put("smpType", "None");
        o.put("smpGroup", 0);
        o.put("smpOrderId", "");
        o.put("createdTime", Long.toString(createdTime));
        o.put("updatedTime", Long.toString(updatedTime));
        return o;
    }

    private static String level(BigDecimal v) { return v == null ? "0" : v.toPlainString(); }
}

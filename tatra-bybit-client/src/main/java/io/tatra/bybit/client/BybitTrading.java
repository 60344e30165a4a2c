package io.tatra.bybit.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;
import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.bybit.protocol.OrderInfo;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.PositionInfo;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.bybit.protocol.WalletBalance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Typed trading calls (linear, one-way). {@link #place} never places an order twice: every order carries an
 * orderLinkId derived from its decision, so when an answer is lost (no answer, 10016, or 110072 "duplicate") the
 * order is looked up by that id; only when it is not there is it sent again, and a duplicate would then be refused.
 */
public final class BybitTrading {
    private static final System.Logger LOG = System.getLogger("io.tatra.bybit.client");
    private final BybitRestClient rest;

    public BybitTrading(BybitRestClient rest) { this.rest = rest; }

    /** Places an order; the ack says it was accepted (its fills come on the order stream or from {@link #order}). */
    public OrderRequest.Ack place(OrderRequest r) {
        BybitException last = null;
        for (int attempt = 0; attempt <= rest.config().maxRetries(); attempt++) {
            try {
                return OrderRequest.Ack.of(rest.post("/v5/order/create", r.toJson(), false));
            } catch (BybitException e) {
                boolean unknown = e.retCode() == BybitRestClient.UNKNOWN_OUTCOME || e.retCode() == RetCode.DUPLICATE_ORDER_LINK_ID.code();
                if (!unknown) throw e;
                last = e;
                Optional<OrderInfo> found = order(r.symbol(), r.orderLinkId());
                if (found.isPresent()) {
                    LOG.log(System.Logger.Level.INFO, "order {0}: the answer was lost ({1}); found it by orderLinkId, not sending it again", r.orderLinkId(), e.getMessage());
                    return new OrderRequest.Ack(found.get().orderId(), r.orderLinkId());
                }
                if (e.retCode() == RetCode.DUPLICATE_ORDER_LINK_ID.code())
                    throw new BybitException(e.retCode(), "order " + r.orderLinkId() + " is a duplicate but cannot be found; not sending it again");
                LOG.log(System.Logger.Level.INFO, "order {0}: no answer and not on the exchange; sending it again with the same orderLinkId", r.orderLinkId());
            }
        }
        throw last;
    }

    /** The order with this orderLinkId, open or recently closed; empty when the exchange does not know it. */
    public Optional<OrderInfo> order(String symbol, OrderLinkId id) {
        List<OrderInfo> open = OrderInfo.page(rest.signedGet("/v5/order/realtime", Query.of().add("category", "linear").add("symbol", symbol).add("orderLinkId", id.value())));
        if (!open.isEmpty()) return Optional.of(open.get(0));
        List<OrderInfo> done = OrderInfo.page(rest.signedGet("/v5/order/history", Query.of().add("category", "linear").add("symbol", symbol).add("orderLinkId", id.value())));
        return done.isEmpty() ? Optional.empty() : Optional.of(done.get(0));
    }

    public List<OrderInfo> openOrders(String symbol) {
        return OrderInfo.page(rest.signedGet("/v5/order/realtime", Query.of().add("category", "linear").add("symbol", symbol).add("limit", 50)));
    }

    public List<OrderInfo> history(String symbol) {
        return OrderInfo.page(rest.signedGet("/v5/order/history", Query.of().add("category", "linear").add("symbol", symbol).add("limit", 50)));
    }

    /** Cancels by orderLinkId; an order that is already gone (110001) or done (110008) is reported as such. */
    public void cancel(String symbol, OrderLinkId id) {
        rest.post("/v5/order/cancel", body("symbol", symbol, "orderLinkId", id.value()), true);
    }

    /** Cancels every open order of a symbol; returns how many. */
    public int cancelAll(String symbol) {
        return rest.post("/v5/order/cancel-all", body("symbol", symbol), true).result().path("list").size();
    }

    public void amend(String symbol, OrderLinkId id, BigDecimal qty, BigDecimal price) {
        ObjectNode o = base();
        o.put("symbol", symbol);
        o.put("orderLinkId", id.value());
        if (qty != null) o.put("qty", qty.toPlainString());
        if (price != null) o.put("price", price.toPlainString());
        rest.post("/v5/order/amend", Json.line(o), false);
    }

    public List<ExecutionInfo> executions(String symbol) {
        return ExecutionInfo.page(rest.signedGet("/v5/execution/list", Query.of().add("category", "linear").add("symbol", symbol).add("limit", 100)));
    }

    public List<PositionInfo> positions(String symbol) {
        return PositionInfo.page(rest.signedGet("/v5/position/list", symbol == null
                ? Query.of().add("category", "linear").add("settleCoin", "USDT") : Query.of().add("category", "linear").add("symbol", symbol)));
    }

    /** Sets both leverages; "not modified" (110043) counts as done. */
    public void setLeverage(String symbol, BigDecimal leverage) {
        rest.post("/v5/position/set-leverage", body("symbol", symbol, "buyLeverage", leverage.toPlainString(), "sellLeverage", leverage.toPlainString()), true);
    }

    /** Sets the position's take profit and stop loss (null leaves one unchanged, zero clears it). */
    public void tradingStop(String symbol, BigDecimal takeProfit, BigDecimal stopLoss) {
        ObjectNode o = base();
        o.put("symbol", symbol);
        o.put("tpslMode", "Full");
        o.put("positionIdx", 0);
        if (takeProfit != null) o.put("takeProfit", takeProfit.toPlainString());
        if (stopLoss != null) o.put("stopLoss", stopLoss.toPlainString());
        rest.post("/v5/position/trading-stop", Json.line(o), true);
    }

    public WalletBalance wallet() {
        return WalletBalance.of(rest.signedGet("/v5/account/wallet-balance", Query.of().add("accountType", "UNIFIED")));
    }

    private static ObjectNode base() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("category", "linear");
        return o;
    }

    private static String body(String... kv) {
        ObjectNode o = base();
        for (int i = 0; i < kv.length; i += 2) o.put(kv[i], kv[i + 1]);
        return Json.line(o);
    }
}

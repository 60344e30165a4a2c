package io.tatra.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One fill or funding settlement, written as a {@code /v5/execution/list} item. */
public record PaperExecution(String execId, String orderId, String orderLinkId, String symbol, String side, double price, double qty, double fee,
                             double feeRate, boolean maker, String execType, long time, double orderQty, long seq) {
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("symbol", symbol);
        o.put("orderId", orderId);
        o.put("orderLinkId", orderLinkId);
        o.put("side", side);
        o.put("orderPrice", "0");
        o.put("orderQty", Formats.plain(orderQty, 8));
        o.put("leavesQty", "0");
        o.put("createType", execType.equals("Trade") ? "CreateByUser" : "");
        o.put("orderType", execType.equals("Trade") ? "Market" : "UNKNOWN");
        o.put("stopOrderType", execType.equals("StopLoss") ? "StopLoss" : execType.equals("TakeProfit") ? "TakeProfit" : "UNKNOWN");
        o.put("execFee", Formats.plain(fee, 8));
        o.put("execFeeV2", "");
        o.put("execId", execId);
        o.put("execPrice", Formats.plain(price, 8));
        o.put("execQty", Formats.plain(qty, 8));
        o.put("execType", execType.equals("Funding") ? "Funding" : "Trade");
        o.put("execValue", Formats.plain(price * qty, 8));
        o.put("execTime", Long.toString(time));
        o.put("feeCurrency", "USDT");
        o.put("isMaker", maker);
        o.put("feeRate", Formats.plain(feeRate, 8));
        o.put("tradeIv", "");
        o.put("markIv", "");
        o.put("markPrice", Formats.plain(price, 8));
        o.put("indexPrice", "");
        o.put("underlyingPrice", "");
        o.put("blockTradeId", "");
        o.put("closedSize", "0");
        o.put("seq", seq);
        o.put("extraFees", "");
        return o;
    }
}

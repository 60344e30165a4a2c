package io.tatra.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One symbol's one-way position, written as a {@code /v5/position/list} row (REST) or a private {@code position} message. */
public record PaperPosition(String symbol, Formats formats, double quantity, double entry, double mark, double leverage, double stopLoss,
                            double takeProfit, double realisedPnl, long seq) {
    ObjectNode toJson(boolean stream) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        boolean flat = quantity == 0;
        o.put("positionIdx", 0);
        o.put("riskId", 1);
        o.put("riskLimitValue", "2000000");
        o.put("symbol", symbol);
        o.put("side", flat ? "" : quantity > 0 ? "Buy" : "Sell");
        o.put("size", formats.qty(Math.abs(quantity)));
        o.put(stream ? "entryPrice" : "avgPrice", flat ? "0" : formats.price(entry));
        o.put("positionValue", flat ? "0" : Formats.plain(Math.abs(quantity) * entry, 8));
        o.put("markPrice", Double.isFinite(mark) ? formats.price(mark) : "0");
        o.put("liqPrice", "");
        o.put("bustPrice", "");
        o.put("breakEvenPrice", "");
        o.put("leverage", Formats.plain(leverage, 2));
        o.put("autoAddMargin", 0);
        o.put("positionStatus", "Normal");
        o.put("positionIM", flat ? "0" : Formats.plain(Math.abs(quantity) * mark / leverage, 8));
        o.put("positionMM", flat ? "0" : Formats.plain(Math.abs(quantity) * mark * 0.005, 8));
        o.put("takeProfit", Double.isNaN(takeProfit) || flat ? "0" : formats.price(takeProfit));
        o.put("stopLoss", Double.isNaN(stopLoss) || flat ? "0" : formats.price(stopLoss));
        o.put("trailingStop", "0");
        o.put("unrealisedPnl", flat ? "0" : Formats.plain(quantity * (mark - entry), 8));
        o.put("curRealisedPnl", Formats.plain(realisedPnl, 8));
        o.put("cumRealisedPnl", Formats.plain(realisedPnl, 8));
        o.put("adlRankIndicator", flat ? 0 : 2);
        o.put("tpslMode", "Full");
        o.put("tradeMode", 0);
        o.put("isReduceOnly", false);
        o.put("createdTime", "0");
        o.put("updatedTime", "0");
        o.put("seq", seq);
        return o;
    }
}

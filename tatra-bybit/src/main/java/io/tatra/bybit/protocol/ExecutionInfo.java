package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One fill (or funding settlement: {@code execType} Funding) from {@code /v5/execution/list} or the private {@code execution}
 * stream; {@code stopOrderType} is StopLoss or TakeProfit for a protective order's fill (empty or UNKNOWN otherwise).
 */
public record ExecutionInfo(String execId, String orderId, String orderLinkId, String symbol, String side, BigDecimal price, BigDecimal qty,
                            BigDecimal fee, String execType, boolean maker, long time, String stopOrderType) {
    public ExecutionInfo {
        if (execId == null || execId.isEmpty()) throw new ProtocolException("execution without an execId");
        if (qty.signum() < 0) throw new ProtocolException("execution " + execId + ": negative quantity");
    }

    public static List<ExecutionInfo> list(JsonNode list) {
        if (!list.isArray()) throw new ProtocolException("execution result has no list");
        List<ExecutionInfo> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            try {
                out.add(new ExecutionInfo(Decimals.text(o, "execId"), Decimals.text(o, "orderId"), Decimals.text(o, "orderLinkId"), Decimals.text(o, "symbol"),
                        Decimals.text(o, "side"), Decimals.decimal(o, "execPrice"), Decimals.decimal(o, "execQty"), Decimals.decimal(o, "execFee"),
                        Decimals.text(o, "execType"), o.path("isMaker").asBoolean(false), Decimals.millis(o, "execTime"), o.path("stopOrderType").asText("")));
            } catch (ProtocolException ex) {
                throw new ProtocolException("execution " + i + ": " + ex.getMessage());
            }
        }
        return out;
    }

    public static List<ExecutionInfo> page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("execution answer is an error: " + e.retCode() + " " + e.retMsg());
        return list(e.result().path("list"));
    }
}

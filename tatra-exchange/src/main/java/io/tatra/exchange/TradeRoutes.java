package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.RetCode;

import java.util.List;

/** The signed endpoints: orders, executions, positions, leverage, trading stop and the wallet. */
final class TradeRoutes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final PaperVenue venue;

    TradeRoutes(PaperVenue venue) { this.venue = venue; }

    /** Places an order; the body is parsed exactly as received, whatever the client's field order and spacing. */
    PaperOrder create(Call c) {
        OrderRequest r;
        try {
            JsonNode body = c.json();
            if (!body.hasNonNull("orderLinkId") || body.get("orderLinkId").asText().isEmpty()) {
                // clients that send no orderLinkId (ccxt without clientOrderId) get one made up here
                body = c.json().deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("orderLinkId", "paper-" + java.util.UUID.randomUUID().toString().substring(0, 24));
            }
            r = OrderRequest.of(body);
        } catch (ProtocolException e) {
            throw new VenueException(RetCode.PARAMS, e.getMessage());
        }
        JsonNode positionIdx = c.json().get("positionIdx");
        if (positionIdx != null && positionIdx.asInt(-1) != 0) throw new VenueException(RetCode.PARAMS, "position idx not match position mode");
        return venue.place(r);
    }

    static JsonNode ack(PaperOrder o) {
        ObjectNode r = F.objectNode();
        r.put("orderId", o.orderId);
        r.put("orderLinkId", o.request.orderLinkId().value());
        return r;
    }

    JsonNode amend(Call c) {
        c.category();
        return ack(venue.amend(c.required("symbol"), c.param("orderId"), c.param("orderLinkId"), c.decimal("qty"), c.decimal("price")));
    }

    JsonNode cancel(Call c) {
        c.category();
        return ack(venue.cancel(c.required("symbol"), c.param("orderId"), c.param("orderLinkId")));
    }

    JsonNode cancelAll(Call c) {
        c.category();
        String symbol = c.param("symbol");
        if (symbol == null) throw new VenueException(RetCode.PARAMS, "params error: symbol is required on the paper exchange (baseCoin/settleCoin are not supported)");
        ObjectNode r = F.objectNode();
        ArrayNode list = r.putArray("list");
        for (PaperOrder o : venue.cancelAll(symbol)) list.add(ack(o));
        r.put("success", "1");
        return r;
    }

    JsonNode orders(Call c, boolean history) {
        c.category();
        String symbol = c.param("symbol");
        String id = c.param("orderId"), link = c.param("orderLinkId");
        if (symbol == null && id == null && link == null && c.param("settleCoin") == null && c.param("baseCoin") == null)
            throw new VenueException(RetCode.PARAMS, "params error: symbol, baseCoin or settleCoin is required");
        boolean openOnly = !history && c.longParam("openOnly", 0) == 0;
        List<PaperOrder> all = venue.orders(symbol, id, link, openOnly && id == null && link == null);
        if (history) all = all.stream().filter(o -> !o.open()).toList();
        return page(c, all.stream().map(o -> (JsonNode) o.toJson(venue.formats(o.symbolIndex))).toList(), 20, 50);
    }

    JsonNode executions(Call c) {
        c.category();
        String id = c.param("orderId"), link = c.param("orderLinkId"), type = c.param("execType");
        List<JsonNode> rows = venue.executions(c.param("symbol")).stream()
                .filter(e -> (id == null || e.orderId().equals(id)) && (link == null || e.orderLinkId().equals(link)))
                .filter(e -> type == null || type.equals(e.execType().equals("Funding") ? "Funding" : "Trade"))
                .map(e -> (JsonNode) e.toJson()).toList();
        return page(c, rows, 50, 100);
    }

    JsonNode positions(Call c) {
        c.category();
        String symbol = c.param("symbol");
        if (symbol == null && c.param("settleCoin") == null) throw new VenueException(RetCode.PARAMS, "params error: symbol or settleCoin is required");
        if (symbol != null) venue.symbolIndex(symbol);
        List<JsonNode> rows = venue.positions(symbol).stream().filter(p -> symbol != null || p.quantity() != 0).map(p -> (JsonNode) p.toJson(false)).toList();
        ObjectNode r = (ObjectNode) page(c, rows, 20, 200);
        r.put("category", "linear");
        return r;
    }

    JsonNode setLeverage(Call c) {
        c.category();
        venue.setLeverage(c.required("symbol"), c.decimal("buyLeverage"), c.decimal("sellLeverage"));
        return F.objectNode();
    }

    JsonNode tradingStop(Call c) {
        c.category();
        String mode = c.param("tpslMode");
        if (mode != null && !mode.equals("Full")) throw new VenueException(RetCode.PARAMS, "params error: tpslMode Partial is not supported by the paper exchange");
        if (c.param("trailingStop") != null && c.decimal("trailingStop").signum() != 0) throw new VenueException(RetCode.PARAMS, "params error: trailingStop is not supported by the paper exchange");
        venue.tradingStop(c.required("symbol"), c.decimal("takeProfit"), c.decimal("stopLoss"));
        return F.objectNode();
    }

    JsonNode wallet(Call c) {
        String type = c.required("accountType");
        if (!type.equals("UNIFIED")) throw new VenueException(RetCode.PARAMS, "accountType only support UNIFIED");
        ObjectNode r = F.objectNode();
        r.putArray("list").add(venue.wallet().toJson());
        return r;
    }

    JsonNode accountInfo() {
        ObjectNode r = F.objectNode();
        r.put("marginMode", "REGULAR_MARGIN");
        r.put("updatedTime", "0");
        r.put("unifiedMarginStatus", 4);
        r.put("dcpStatus", "OFF");
        r.put("timeWindow", 10);
        r.put("smpGroup", 0);
        r.put("isMasterTrader", false);
        r.put("spotHedgingStatus", "OFF");
        return r;
    }

    /** What ccxt asks before trading: the key's account is unified ({@code uta: 1}). */
    JsonNode apiKeyInfo() {
        ObjectNode r = F.objectNode();
        r.put("id", "1");
        r.put("note", "paper");
        r.putObject("permissions").putArray("ContractTrade").add("Order").add("Position");
        r.put("readOnly", 0);
        r.put("uta", 1);
        r.put("unified", 0);
        r.put("isMaster", true);
        return r;
    }

    /** The coins the account holds: USDT only. */
    JsonNode coins() {
        ObjectNode r = F.objectNode();
        ObjectNode usdt = r.putArray("rows").addObject();
        usdt.put("name", "USDT");
        usdt.put("coin", "USDT");
        usdt.put("remainAmount", "100000000");
        usdt.putArray("chains");
        return r;
    }

    JsonNode feeRate(Call c) {
        ObjectNode r = F.objectNode();
        ArrayNode list = r.putArray("list");
        String symbol = c.param("symbol");
        venue.instruments().stream().filter(i -> symbol == null || i.symbol().equals(symbol)).forEach(i -> {
            ObjectNode o = list.addObject();
            o.put("symbol", i.symbol());
            o.put("takerFeeRate", Formats.plain(venue.config().costs().takerFee(), 8));
            o.put("makerFeeRate", Formats.plain(venue.config().costs().makerFee(), 8));
            o.put("baseCoin", "");
        });
        return r;
    }

    /** A cursor page of {@code rows} (limit default and maximum as Bybit's), with {@code nextPageCursor} "" on the last. */
    private static JsonNode page(Call c, List<JsonNode> rows, int fallback, int max) {
        int limit = c.limit(fallback, max);
        int skip = MarketRoutes.cursorOffset(c.param("cursor"));
        ObjectNode r = F.objectNode();
        ArrayNode list = r.putArray("list");
        for (int i = skip; i < rows.size() && i < (long) skip + limit; i++) list.add(rows.get(i));
        r.put("nextPageCursor", (long) skip + limit < rows.size() ? "offset%3D" + (skip + limit) : "");
        r.put("category", "linear");
        return r;
    }
}

package io.tatra.exchange;

import io.tatra.bybit.protocol.RetCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The paper account's orders, by orderId (in creation order) and by orderLinkId; the venue holds its lock around every call. */
final class PaperOrders {
    private final Map<String, PaperOrder> byId = new LinkedHashMap<>();
    private final Map<String, PaperOrder> byLinkId = new HashMap<>();

    boolean hasLinkId(String orderLinkId) { return byLinkId.containsKey(orderLinkId); }

    /** Adds a new order, or puts an amended one in its place. */
    void put(PaperOrder o) {
        byId.put(o.orderId, o);
        byLinkId.put(o.orderLinkId(), o);
    }

    /** By orderId (which wins) or orderLinkId; null when unknown; Bybit's 10001 when neither is given. */
    PaperOrder find(String orderId, String orderLinkId) {
        if (orderId != null && !orderId.isEmpty()) return byId.get(orderId);
        if (orderLinkId != null && !orderLinkId.isEmpty()) return byLinkId.get(orderLinkId);
        throw new VenueException(RetCode.PARAMS, "params error: OrderId or orderLinkId is required");
    }

    /** An order of symbol {@code s} that can still be cancelled or amended, else Bybit's 110001 / 110008. */
    PaperOrder openOrder(int s, String orderId, String orderLinkId) {
        PaperOrder o = find(orderId, orderLinkId);
        if (o == null || o.symbolIndex != s) throw new VenueException(RetCode.ORDER_NOT_FOUND, "Order does not exist");
        if (!o.open()) throw new VenueException(RetCode.ORDER_FINISHED, "Order has been filled or canceled");
        return o;
    }

    /** Orders of symbol {@code s} (null: all), open only or all, newest first. */
    List<PaperOrder> list(Integer s, boolean openOnly) {
        List<PaperOrder> out = new ArrayList<>();
        for (PaperOrder o : byId.values()) if ((s == null || o.symbolIndex == s) && (!openOnly || o.open())) out.add(0, o);
        return out;
    }

    /** Resting limit orders of symbol {@code s}, oldest first (a copy: fills may change them). */
    List<PaperOrder> resting(int s) {
        List<PaperOrder> out = new ArrayList<>();
        for (PaperOrder o : byId.values()) if (o.symbolIndex == s && o.open() && o.request.price() != null) out.add(o);
        return out;
    }

    /** Initial margin the open orders that can add to a position hold, at their limit price and each symbol's leverage. */
    double margin(double[] leverage) {
        double im = 0;
        for (PaperOrder o : byId.values())
            if (o.open() && o.request.price() != null && !o.request.reduceOnly()) im += o.leaves() * o.request.price().doubleValue() / leverage[o.symbolIndex];
        return im;
    }
}

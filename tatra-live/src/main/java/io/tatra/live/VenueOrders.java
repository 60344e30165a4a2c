package io.tatra.live;

import io.tatra.bybit.protocol.OrderRequest;

import java.math.BigDecimal;

/** The order side of a venue account, as the live engine uses it (one half of {@link LiveEngine.Venue}). */
public interface VenueOrders {
    /** Places an order; returns the venue's order id (the adapter resolves lost answers by orderLinkId). */
    String place(OrderRequest order);

    /** Whether the venue knows an order with this orderLinkId (open or recently closed). */
    boolean hasOrder(String symbol, String orderLinkId);

    /** Sets the held position's stop loss (Bybit's trading-stop). */
    default void moveStop(String symbol, BigDecimal stopLoss) { throw new UnsupportedOperationException("this venue cannot move a stop"); }

    /** When the last {@link #place} handed its request to the network ({@code System.nanoTime()}), or -1 when this venue cannot say. */
    default long requestOutNanos() { return -1; }
}

package io.tatra.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.market.BarSeries;

/** What the paper exchange's streams hear from the venue; called under the venue's lock, so implementations only queue. */
public interface VenueListener {
    /** An order was created or changed (its {@code /v5/order/realtime} item). */
    default void onOrder(ObjectNode order) {}

    /** A fill or a funding settlement. */
    default void onExecution(PaperExecution execution) {}

    /** A position changed (also its leverage or protective levels). */
    default void onPosition(PaperPosition position) {}

    /** The wallet after a change. */
    default void onWallet(PaperWallet wallet) {}

    /** Bar {@code i} of {@code bars} closed. */
    default void onBarClosed(BarSeries bars, int i) {}
}

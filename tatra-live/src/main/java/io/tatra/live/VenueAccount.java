package io.tatra.live;

import java.math.BigDecimal;
import java.util.Map;

/** The account side of a venue, as the live engine reads it (one half of {@link LiveEngine.Venue}). */
public interface VenueAccount {
    /** Positions and open orders as the venue reports them. */
    Reconciliation.State state();

    /** Signed positions by symbol, as the venue reports them now (a stop or take profit may have closed one). */
    default Map<String, BigDecimal> positions() { return state().positions(); }

    /** The account's equity in quote currency. */
    double equity();

    /** Equity and wallet balance (the equity without the positions' unrealized P&L; NaN: this venue cannot say). */
    record Balance(double equity, double wallet) {}

    /** The account's equity and wallet balance, read together. */
    default Balance balance() { return new Balance(equity(), Double.NaN); }

    /** A held position's entry, stop loss and take profit (NaN: none) as of the last {@link #positions} or {@link #state} read; null when unknown. */
    default LiveEngine.Holding holding(String symbol) { return null; }
}

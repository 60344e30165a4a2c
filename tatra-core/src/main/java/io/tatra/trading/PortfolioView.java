package io.tatra.trading;

import io.tatra.market.Symbol;

/** What a strategy may read about the portfolio. */
public interface PortfolioView {
    /** Equity marked at the latest prices. */
    double equity();

    /** Signed position in units of the base asset (0 when flat). */
    double position(Symbol symbol);

    /** The position's average entry price (NaN when flat or when the view does not know it). */
    default double averageEntry(Symbol symbol) { return Double.NaN; }

    /** The open position's stop-loss price (NaN when flat, without a stop, or when the view does not know it). */
    default double stopPrice(Symbol symbol) { return Double.NaN; }
}

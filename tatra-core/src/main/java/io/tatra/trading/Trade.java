package io.tatra.trading;

import io.tatra.market.Symbol;

import java.time.Instant;

/**
 * A closed round trip. {@code pnl} is net: price P&L minus fees minus funding paid (funding received counts
 * positive), so the sum of all trades' P&L is the change in equity.
 *
 * @param quantity the largest absolute position held during the trade (base units)
 */
public record Trade(Symbol symbol, int side, double quantity, Instant entryTime, double entryPrice, Instant exitTime, double exitPrice,
                    double fees, double funding, double pnl, ExitReason reason, String decisionId) {
    public Trade {
        if (side != 1 && side != -1) throw new IllegalArgumentException("trade side must be +1 or -1");
        if (exitTime.isBefore(entryTime)) throw new IllegalArgumentException("trade exits at " + exitTime + " before its entry " + entryTime);
    }

    /** Net return on the entry notional. */
    public double returnOnNotional() { return pnl / (quantity * entryPrice); }
}

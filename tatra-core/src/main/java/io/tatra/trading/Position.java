package io.tatra.trading;

import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.List;

/**
 * One symbol's open position inside a {@link Portfolio} and the accumulators of its current round trip. Read it
 * through the getters; only the portfolio changes it.
 */
public final class Position {
    private final Symbol symbol;
    private double qty, avgEntry, stop = Double.NaN, take = Double.NaN;
    private double maxQty, fees, funding, realized, exitQty, exitNotional;
    private Instant entryTime;
    private String decisionId;

    Position(Symbol symbol) { this.symbol = symbol; }

    public Symbol symbol() { return symbol; }

    /** Signed quantity in base units (0 when flat). */
    public double quantity() { return qty; }

    /** Average entry price of the open quantity (meaningless when flat). */
    public double averageEntry() { return avgEntry; }

    /** Stop-loss price, NaN when none. */
    public double stopPrice() { return stop; }

    /** Take-profit price, NaN when none. */
    public double takeProfitPrice() { return take; }

    /** The decision that opened the current round trip, or null. */
    public String decisionId() { return decisionId; }

    void protect(double stopPrice, double takePrice) {
        stop = stopPrice;
        take = takePrice;
    }

    /**
     * Trades {@code delta} units at {@code price} paying {@code fee}; returns the cash change. A trade that
     * closes or flips the position appends the closed round trip to {@code closed}.
     */
    double fill(double delta, double price, double fee, Instant time, ExitReason reason, String decision, List<Trade> closed) {
        if (delta == 0) return 0;
        double cash = -delta * price - fee;
        if (qty == 0) {
            open(delta, price, fee, time, decision);
            return cash;
        }
        if (Math.signum(delta) == Math.signum(qty)) {
            avgEntry = (avgEntry * Math.abs(qty) + price * Math.abs(delta)) / (Math.abs(qty) + Math.abs(delta));
            qty += delta;
            maxQty = Math.max(maxQty, Math.abs(qty));
            fees += fee;
            return cash;
        }
        double closing = Math.min(Math.abs(delta), Math.abs(qty)), share = closing / Math.abs(delta);
        realized += closing * (price - avgEntry) * Math.signum(qty);
        fees += fee * share;
        exitQty += closing;
        exitNotional += closing * price;
        qty += Math.signum(delta) * closing;
        if (Math.abs(qty) < 1e-12) {
            qty = 0;
            closed.add(new Trade(symbol, (int) Math.signum(delta) * -1, maxQty, entryTime, avgEntry, time, exitNotional / exitQty, fees, funding,
                    realized - fees - funding, reason, decisionId));
            stop = take = Double.NaN;
            double rest = Math.abs(delta) - closing;
            if (rest > 1e-12) open(Math.signum(delta) * rest, price, fee * (1 - share), time, decision);
        }
        return cash;
    }

    void payFunding(double amount) { funding += amount; }

    private void open(double delta, double price, double fee, Instant time, String decision) {
        qty = delta;
        avgEntry = price;
        maxQty = Math.abs(delta);
        fees = fee;
        funding = realized = exitQty = exitNotional = 0;
        entryTime = time;
        decisionId = decision;
    }
}

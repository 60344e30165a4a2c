package io.tatra.trading;

import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cash, positions and their accounting for a fixed list of symbols: fills (fees paid in cash), funding, marks at
 * the latest prices, equity, gross exposure and closed round trips. The backtest, the paper exchange and the
 * live engine keep their books here, one step at a time; the sum of closed trades' P&L is the change in equity
 * once every position is closed.
 *
 * <p>Symbols are addressed by their index in the list given to the constructor (the hot path) or by symbol.
 */
public final class Portfolio implements PortfolioView {
    private final List<Symbol> symbols;
    private final Position[] positions;
    private final double[] last;
    private final Map<Symbol, Integer> bySymbol = new HashMap<>();
    private final List<Trade> closed = new ArrayList<>();
    private final double capital;
    private double cash, fees, fundingPaid, turnover;

    public Portfolio(double capital, List<Symbol> symbols) {
        if (!(capital > 0) || !Double.isFinite(capital)) throw new IllegalArgumentException("capital must be finite and > 0, got " + capital);
        this.capital = capital;
        this.cash = capital;
        this.symbols = List.copyOf(symbols);
        positions = new Position[symbols.size()];
        last = new double[symbols.size()];
        for (int s = 0; s < symbols.size(); s++) {
            Symbol sym = symbols.get(s);
            if (bySymbol.put(sym, s) != null) throw new IllegalArgumentException(sym + " appears twice");
            positions[s] = new Position(sym);
            last[s] = Double.NaN;
        }
    }

    public List<Symbol> symbols() { return symbols; }

    /** The index of a symbol; an order for a symbol outside the portfolio is refused. */
    public int index(Symbol s) {
        Integer i = bySymbol.get(s);
        if (i == null) throw new IllegalArgumentException("order for " + s + ", which is not in the portfolio");
        return i;
    }

    public double capital() { return capital; }

    public double cash() { return cash; }

    @Override public double equity() {
        double e = cash;
        for (int s = 0; s < positions.length; s++) if (positions[s].quantity() != 0) e += positions[s].quantity() * last[s];
        return e;
    }

    @Override public double position(Symbol symbol) { return positions[index(symbol)].quantity(); }

    @Override public double averageEntry(Symbol symbol) {
        Position p = positions[index(symbol)];
        return p.quantity() == 0 ? Double.NaN : p.averageEntry();
    }

    @Override public double stopPrice(Symbol symbol) {
        Position p = positions[index(symbol)];
        return p.quantity() == 0 ? Double.NaN : p.stopPrice();
    }

    public Position position(int s) { return positions[s]; }

    /** Sum of |position × mark| over all symbols. */
    public double gross() {
        double g = 0;
        for (int s = 0; s < positions.length; s++) if (positions[s].quantity() != 0) g += Math.abs(positions[s].quantity() * last[s]);
        return g;
    }

    /** The latest mark of symbol s (NaN before the first). */
    public double mark(int s) { return last[s]; }

    /** Marks symbol s at a new price (a bar's close, a ticker's mark price). */
    public void mark(int s, double price) { last[s] = price; }

    /** Marks symbol s at {@code price} only if it has no mark yet (the first fill before any close). */
    public void markIfUnset(int s, double price) { if (Double.isNaN(last[s])) last[s] = price; }

    /**
     * Executes {@code delta} base units at {@code fillPrice} (slippage already applied) paying {@code fee} in cash.
     * A fill that closes or flips the position records the round trip.
     */
    public void fill(int s, double delta, double fillPrice, double fee, Instant time, ExitReason reason, String decisionId) {
        if (delta == 0) return;
        cash += positions[s].fill(delta, fillPrice, fee, time, reason, decisionId, closed);
        fees += fee;
        turnover += Math.abs(delta) * fillPrice;
    }

    /** Pays one funding settlement at {@code rate} on the position held, valued at {@code price} (longs pay a positive rate). */
    public void payFunding(int s, double rate, double price) {
        Position p = positions[s];
        if (p.quantity() == 0) return;
        double pay = p.quantity() * price * rate;
        cash -= pay;
        fundingPaid += pay;
        p.payFunding(pay);
    }

    /** Sets the stop-loss and take-profit prices of symbol s's open position (NaN = none). */
    public void protect(int s, double stopPrice, double takePrice) { positions[s].protect(stopPrice, takePrice); }

    public List<Trade> closedTrades() { return Collections.unmodifiableList(closed); }

    public double feesPaid() { return fees; }

    public double fundingPaid() { return fundingPaid; }

    /** Traded notional, all fills together. */
    public double turnover() { return turnover; }
}

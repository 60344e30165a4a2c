package io.tatra.trading;

import io.tatra.market.Symbol;

/**
 * Move the position in {@code symbol} to {@code fraction} of equity (signed: + long, − short, 0 flat), with a
 * stop loss and take profit at these distances from the fill price (fractions; NaN = none).
 *
 * @param decisionId the decision this order carries out (journals link trades to decisions), or null
 * @param stopPrice  after the order, move the open position's stop to this price when that tightens it (a trailing
 *                   stop; NaN = leave the stop); with {@code fraction} NaN the order only moves the stop and trades
 *                   nothing ({@link #trail}). On a venue the live engine sends it as a trading-stop move.
 */
public record TargetOrder(Symbol symbol, double fraction, double stopLoss, double takeProfit, String decisionId, double stopPrice) {
    public TargetOrder {
        if (symbol == null) throw new IllegalArgumentException("order: symbol is required");
        if (!Double.isNaN(stopPrice) && !(stopPrice > 0 && Double.isFinite(stopPrice))) throw new IllegalArgumentException("order " + symbol + ": stop price must be > 0 or NaN, got " + stopPrice);
        if (Double.isNaN(fraction) && Double.isNaN(stopPrice)) throw new IllegalArgumentException("order " + symbol + ": an order that keeps the position must move its stop");
        if (!Double.isFinite(fraction) && !Double.isNaN(fraction)) throw new IllegalArgumentException("order " + symbol + ": target fraction must be finite");
        if (!Double.isNaN(stopLoss) && !(stopLoss > 0 && stopLoss < 1)) throw new IllegalArgumentException("order " + symbol + ": stop distance must be in (0, 1) or NaN, got " + stopLoss);
        if (!Double.isNaN(takeProfit) && !(takeProfit > 0)) throw new IllegalArgumentException("order " + symbol + ": take-profit distance must be > 0 or NaN, got " + takeProfit);
    }

    public TargetOrder(Symbol symbol, double fraction, double stopLoss, double takeProfit, String decisionId) {
        this(symbol, fraction, stopLoss, takeProfit, decisionId, Double.NaN);
    }

    public static TargetOrder flat(Symbol s, String decisionId) { return new TargetOrder(s, 0, Double.NaN, Double.NaN, decisionId); }

    /** Keep the position and move its stop to {@code stopPrice} when that tightens it. */
    public static TargetOrder trail(Symbol s, double stopPrice, String decisionId) { return new TargetOrder(s, Double.NaN, Double.NaN, Double.NaN, decisionId, stopPrice); }

    /** Whether the order only moves the stop. */
    public boolean keepsPosition() { return Double.isNaN(fraction); }

    /** Whether this order moves the held position's stop. */
    public boolean movesStop() { return !Double.isNaN(stopPrice); }
}

package io.tatra.trading;

import io.tatra.market.Symbol;

/**
 * Move the position in {@code symbol} to {@code fraction} of equity (signed: + long, − short, 0 flat), with a
 * stop loss and take profit at these distances from the fill price (fractions; NaN = none).
 *
 * @param decisionId the decision this order carries out (journals link trades to decisions), or null
 */
public record TargetOrder(Symbol symbol, double fraction, double stopLoss, double takeProfit, String decisionId) {
    public TargetOrder {
        if (symbol == null) throw new IllegalArgumentException("order: symbol is required");
        if (!Double.isFinite(fraction)) throw new IllegalArgumentException("order " + symbol + ": target fraction must be finite");
        if (!Double.isNaN(stopLoss) && !(stopLoss > 0 && stopLoss < 1)) throw new IllegalArgumentException("order " + symbol + ": stop distance must be in (0, 1) or NaN, got " + stopLoss);
        if (!Double.isNaN(takeProfit) && !(takeProfit > 0)) throw new IllegalArgumentException("order " + symbol + ": take-profit distance must be > 0 or NaN, got " + takeProfit);
    }

    public static TargetOrder flat(Symbol s, String decisionId) { return new TargetOrder(s, 0, Double.NaN, Double.NaN, decisionId); }
}

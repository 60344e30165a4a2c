package io.tatra.decision;

/**
 * What a trade is expected to cost, as fractions of notional.
 *
 * @param leg           one market order: taker fee plus slippage
 * @param fundingPerBar the expected funding rate per bar a long pays (a short receives it); e.g. the training part's
 *                      mean settlement divided by the bars between settlements
 */
public record TradeCosts(double leg, double fundingPerBar) {
    public TradeCosts {
        if (!(leg >= 0 && leg < 0.1)) throw new IllegalArgumentException("cost of one leg must be in [0, 0.1) of notional, got " + leg);
        if (!(Math.abs(fundingPerBar) < 0.01)) throw new IllegalArgumentException("funding per bar must be finite and below 1 % in size, got " + fundingPerBar);
    }

    /** Opening and closing a position on {@code side} (+1 long, −1 short) held {@code bars}: two legs and the funding paid meanwhile. */
    public double roundTrip(int side, int bars) { return 2 * leg + side * fundingPerBar * bars; }
}

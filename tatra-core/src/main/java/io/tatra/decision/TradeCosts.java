package io.tatra.decision;

/**
 * What a trade is expected to cost, as fractions of notional.
 *
 * @param leg              one market order: taker fee plus fixed slippage
 * @param fundingPerBar    the expected funding rate per bar a long pays (a short receives it); e.g. the training part's
 *                         mean settlement divided by the bars between settlements
 * @param slippagePerSigma the backtest's volatility slippage: each leg also loses this multiple of the one-bar
 *                         volatility ({@code CostConfig.volMultiple}; 0 = fixed slippage only)
 */
public record TradeCosts(double leg, double fundingPerBar, double slippagePerSigma) {
    public TradeCosts {
        if (!(leg >= 0 && leg < 0.1)) throw new IllegalArgumentException("cost of one leg must be in [0, 0.1) of notional, got " + leg);
        if (!(Math.abs(fundingPerBar) < 0.01)) throw new IllegalArgumentException("funding per bar must be finite and below 1 % in size, got " + fundingPerBar);
        if (!(slippagePerSigma >= 0 && slippagePerSigma < 10)) throw new IllegalArgumentException("volatility slippage multiple must be in [0, 10), got " + slippagePerSigma);
    }

    /** Fixed costs only. */
    public TradeCosts(double leg, double fundingPerBar) { this(leg, fundingPerBar, 0); }

    /** Opening and closing a position on {@code side} (+1 long, −1 short) held {@code bars}: two legs and the funding paid meanwhile. */
    public double roundTrip(int side, int bars) { return 2 * leg + side * fundingPerBar * bars; }

    /** One leg when the one-bar volatility is {@code sigma} (NaN: fixed costs only). */
    public double leg(double sigma) { return leg + (Double.isFinite(sigma) ? slippagePerSigma * sigma : 0); }

    /** {@link #roundTrip(int, int)} with each leg's volatility slippage at {@code sigma}. */
    public double roundTrip(int side, int bars, double sigma) { return 2 * leg(sigma) + side * fundingPerBar * bars; }
}

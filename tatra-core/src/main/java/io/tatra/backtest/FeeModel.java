package io.tatra.backtest;

/** The fee of one fill, in quote currency. */
@FunctionalInterface
public interface FeeModel {
    double fee(double quantity, double fillPrice);

    /** A fixed share of the fill's notional (market orders pay the taker rate). */
    static FeeModel taker(double rate) { return (q, p) -> Math.abs(q) * p * rate; }
}

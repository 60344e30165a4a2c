package io.tatra.backtest;

/** The price a market order of {@code delta} base units fills at, given a reference price and a slippage fraction. */
@FunctionalInterface
public interface FillModel {
    double fillPrice(double reference, double delta, double slippage);

    /** Today's default: the whole quantity at the reference moved against the trader by the slippage. */
    FillModel ADVERSE = (ref, delta, slip) -> ref * (1 + Math.signum(delta) * slip);
}

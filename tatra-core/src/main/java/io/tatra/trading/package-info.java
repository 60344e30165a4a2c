/**
 * Trading, the same in backtest, paper and live: the {@link io.tatra.trading.Strategy} seam, target orders, the
 * {@link io.tatra.trading.Portfolio} (cash, positions, fees, funding, round trips) every venue simulation keeps its
 * books in, decision → order rules and the bar-by-bar {@link io.tatra.trading.ModelStrategy}. Flow: decision →
 * trading → backtest / live. Imports market, features, dataset (normalization), forecast and decision; never
 * backtest, an engine or the network.
 */
package io.tatra.trading;

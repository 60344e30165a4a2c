/**
 * The backtest: the replay clock ({@link io.tatra.backtest.BacktestSession}, steppable; {@link io.tatra.backtest.Backtester}
 * runs it to the end), fee, slippage and fill models, performance metrics with the deflated Sharpe, the trial log and
 * run artifacts. Flow: trading → backtest. Imports market, features, decision, journal, trading and risk.
 */
package io.tatra.backtest;

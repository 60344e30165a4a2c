/**
 * Tatra's local paper exchange: a Bybit v5 server on loopback (Jetty 12) over a {@link io.tatra.exchange.PaperVenue}
 * that replays stored history with a {@link io.tatra.exchange.MarketClock} and fills orders with the backtest's own
 * portfolio, fee, slippage and fill models ({@link io.tatra.backtest.Matching}); a {@link io.tatra.exchange.FaultPlan}
 * injects what real venues do to clients.
 */
package io.tatra.exchange;

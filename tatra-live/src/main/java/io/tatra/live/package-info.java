/**
 * The live engine: closed bars from a venue's stream to the same {@code Strategy} the backtest runs, through the risk
 * check, to venue orders (issue 14, in progress). {@link io.tatra.live.OrderPlanner} sizes and rounds orders the way the
 * backtest does and refuses what the venue would.
 */
package io.tatra.live;

/**
 * The live engine: closed bars from a venue's stream to the same {@code Strategy} the backtest runs, through the risk
 * check, to venue orders (issue 14, in progress). Parts so far: {@link io.tatra.live.OrderPlanner} (sizing and rounding
 * like the backtest, the venue's refusals explained), {@link io.tatra.live.ClosedBarFeed} (each closed bar once, holes
 * filled from history), {@link io.tatra.live.KillSwitch} (a file or a command, with an explicit policy),
 * {@link io.tatra.live.Reconciliation} (journal vs venue, every difference listed) and
 * {@link io.tatra.live.LatencyRecorder} (per-stage HdrHistograms).
 */
package io.tatra.live;

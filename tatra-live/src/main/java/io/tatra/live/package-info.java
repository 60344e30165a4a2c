/**
 * The live engine: closed bars from a venue's stream to the same {@code Strategy} the backtest runs, through the risk
 * check, to venue orders. {@link io.tatra.live.LiveEngine} (the loop, dry run, status), {@link io.tatra.live.OrderPlanner}
 * (sizing and rounding like the backtest, the venue's refusals explained), {@link io.tatra.live.ClosedBarFeed} (each
 * closed bar once, holes filled from history), {@link io.tatra.live.RateFeed} (funding and open interest as the
 * backtest feeds them), {@link io.tatra.live.AccountView} and {@link io.tatra.live.EngineAccount} (positions and equity read only
 * when a stop or take profit may have filled, or the private stream's fills settle it), {@link io.tatra.live.VenueReads}
 * (those reads, in parallel with the model),
 * {@link io.tatra.live.OrderLog} (write-ahead, crash recovery by orderLinkId, audit), {@link io.tatra.live.KillSwitch}
 * (a file or a command, with an explicit policy), {@link io.tatra.live.Reconciliation} and
 * {@link io.tatra.live.LiveStatus} (journal vs venue, every difference listed; the status file),
 * {@link io.tatra.live.FillTrades} (fills to trades for the outcomes journal) and {@link io.tatra.live.LatencyRecorder}
 * (per-stage HdrHistograms). The engine sees the venue and the model only through interfaces.
 */
package io.tatra.live;

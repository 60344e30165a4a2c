package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.market.Symbol;
import io.tatra.trading.TargetOrder;

/**
 * A strategy's trailing stops ({@link TargetOrder#trail}) at the venue: sent when they tighten the held position's
 * stop (allowed with the kill switch at stop-opening: it only lowers risk), otherwise logged with the reason; a venue
 * refusal leaves the older stop (the price may have crossed the level since the close: nothing is at risk).
 */
final class StopMoves {
    private final LiveEngine.Venue venue;
    private final LiveEngine.Log log;
    private final boolean dryRun;
    private long moved, dryRuns;

    StopMoves(LiveEngine.Venue venue, LiveEngine.Log log, boolean dryRun) {
        this.venue = venue;
        this.log = log;
        this.dryRun = dryRun;
    }

    /** Moves {@code symbol}'s stop as {@code t} asks, for a position of {@code held} (signed) after the bar's orders. */
    void move(TargetOrder t, Symbol symbol, double held, Kline bar, Instrument in) {
        LiveEngine.Holding h = venue.holding(symbol.value());
        OrderPlanner.StopPlan plan = OrderPlanner.stop(t.stopPrice(), held, bar.close().doubleValue(), h == null ? Double.NaN : h.stopLoss(), in);
        if (!plan.sends()) {
            log.event("stop-not-moved", symbol, bar.startTime(), t.decisionId() + ": " + plan.reason());
            return;
        }
        String what = "stop of " + symbol.value() + " to " + plan.level().toPlainString() + " [" + t.decisionId() + "]";
        if (dryRun) {
            dryRuns++;
            log.event("dry-run", symbol, bar.startTime(), "would move the " + what);
            return;
        }
        try {
            venue.moveStop(symbol.value(), plan.level());
        } catch (RuntimeException e) {
            log.event("stop-not-moved", symbol, bar.startTime(), what + ": the venue refused: " + e.getMessage());
            return;
        }
        moved++;
        log.event("stop-moved", symbol, bar.startTime(), what);
    }

    /** Stop moves sent. */
    long moved() { return moved; }

    /** Stop moves a dry run only logged. */
    long dryRuns() { return dryRuns; }
}

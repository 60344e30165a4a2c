package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.client.BybitTrading;
import io.tatra.live.LiveEngine;
import io.tatra.live.LiveStatus;
import io.tatra.live.Reconciliation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A live session's reconciliation policy: the venue's positions and open orders against what the engine expects,
 * at start (against the folder's last status) and after every reconnection; differences the engine's own stop-loss
 * and take-profit fills explain ({@link FillsWhileAway}) are logged, the rest are adopted or reported.
 */
final class VenueStateCheck {
    private final LiveEngine engine;
    private final BybitTrading trading;
    private final Map<String, BigDecimal> steps;
    private final LiveEngine.Log log;

    /** @param steps quantity step per symbol (filled by the session as it reads the instruments) */
    VenueStateCheck(LiveEngine engine, BybitTrading trading, Map<String, BigDecimal> steps, LiveEngine.Log log) {
        this.engine = engine;
        this.trading = trading;
        this.steps = steps;
        this.log = log;
    }

    /**
     * The venue's state against the folder's last status: equal; explained by the engine's own protective fills while
     * it was away; adopted ({@code adopt}); or the start stops with every difference.
     */
    void atStart(Path dir, boolean adopt) {
        Path status = dir.resolve("status.json");
        List<Reconciliation.Difference> diff = unexplained(engine.reconcileWithLastStatus(status), LiveStatus.lastBarClose(status));
        if (diff.isEmpty()) return;
        List<String> lines = diff.stream().map(Reconciliation.Difference::toString).toList();
        if (!adopt)
            throw new TatraException("the venue's state differs from what " + dir + " last recorded:\n  " + String.join("\n  ", lines)
                    + "\nfind out why (orders placed elsewhere, a fill the engine did not ask for), then start again with --adopt-venue-state to trade from the venue's state");
        for (String l : lines) log.event("adopted", null, 0, l);
    }

    /** The differences after a reconnection that the engine's protective fills do not explain (a stop that filled while away is what it asked for). */
    List<Reconciliation.Difference> afterReconnect() { return unexplained(engine.reconcile(engine.state()), Long.MIN_VALUE); }

    /** The differences the engine's own protective fills since {@code since} do not explain; the explained ones are logged. */
    private List<Reconciliation.Difference> unexplained(List<Reconciliation.Difference> diff, long since) {
        if (diff.isEmpty()) return diff;
        FillsWhileAway.Result x = FillsWhileAway.explain(diff, since, trading::executions, steps);
        for (String l : x.explained()) log.event("explained", null, 0, l);
        return x.unexplained();
    }
}

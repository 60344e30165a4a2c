package io.tatra.app;

import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.live.Reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Explains start-up and after-reconnect differences by what the venue did while the engine was away: a position that
 * the engine last saw and the venue no longer holds (or holds less of) is explained when the newest fills of the
 * symbol — stop-loss and take-profit fills only, back to the latest fill of an order, stamped after {@code since} —
 * add up exactly to the difference. Those are the protective orders the
 * engine itself attached; the venue did what it was told, so the engine trades on from the venue's state and says
 * which fills made it. Anything else — an unexplained quantity, a fill that is not protective, an open order that
 * appeared or vanished — stays a difference and stops the start.
 */
final class FillsWhileAway {
    private FillsWhileAway() {}

    /** The stop order types of protective exits (Bybit's {@code stopOrderType}). */
    static final Set<String> PROTECTIVE = Set.of("StopLoss", "TakeProfit", "TrailingStop", "PartialStopLoss", "PartialTakeProfit", "tpslOrder");

    /** What was explained (with the fills, in words) and what was not. */
    record Result(List<String> explained, List<Reconciliation.Difference> unexplained) {}

    /**
     * @param since      fills before this venue time (ms) are already in the journal's state: the status's last bar
     *                   close at start-up; {@link Long#MIN_VALUE} after a reconnect, where the walk back from the newest
     *                   fill to the engine's own last order bounds it
     * @param executions a symbol's recent executions at the venue
     * @param steps      each symbol's quantity step (a difference within it is none)
     */
    static Result explain(List<Reconciliation.Difference> diff, long since, Function<String, List<ExecutionInfo>> executions, Map<String, BigDecimal> steps) {
        List<String> explained = new ArrayList<>();
        List<Reconciliation.Difference> rest = new ArrayList<>();
        for (Reconciliation.Difference d : diff) {
            if (!d.what().startsWith("position ")) {
                rest.add(d);
                continue;
            }
            String symbol = d.what().substring("position ".length());
            BigDecimal journal = new BigDecimal(d.journal()), venue = new BigDecimal(d.venue()), sum = BigDecimal.ZERO;
            BigDecimal step = steps.getOrDefault(symbol, BigDecimal.ZERO);
            // a protective exit only ever reduces: it cannot open or flip a position
            boolean reduces = venue.signum() == 0 || venue.signum() == journal.signum() && venue.abs().compareTo(journal.abs()) < 0;
            List<ExecutionInfo> newestFirst = new ArrayList<>(executions.apply(symbol));
            newestFirst.sort(java.util.Comparator.comparingLong(ExecutionInfo::time).thenComparing(ExecutionInfo::execId).reversed());
            List<String> fills = new ArrayList<>();
            boolean adds = false;
            for (ExecutionInfo e : newestFirst) { // back from the newest: protective fills only, until they account for the difference
                if (e.time() < since) break;
                io.tatra.live.FillTrades.Kind kind = LiveOutcomes.kind(e.execType(), e.stopOrderType());
                if (kind == io.tatra.live.FillTrades.Kind.FUNDING) continue;
                boolean protective = kind != io.tatra.live.FillTrades.Kind.TRADE || PROTECTIVE.contains(e.stopOrderType() == null ? "" : e.stopOrderType());
                fills.add(0, (protective ? kind.name() : "trade") + " " + e.side() + " " + e.qty().toPlainString() + " at " + e.price().toPlainString() + " ("
                        + Instant.ofEpochMilli(e.time()) + ", " + e.execId() + ")");
                if (!protective) break; // an order's fill: nothing older explains what happened after it
                sum = sum.add("Buy".equals(e.side()) ? e.qty() : e.qty().negate());
                BigDecimal miss = journal.add(sum).subtract(venue).abs();
                if (step.signum() > 0 ? miss.compareTo(step) <= 0 : miss.signum() == 0) {
                    adds = true;
                    break;
                }
            }
            if (adds && reduces)
                explained.add(d + ": explained by the protective fills while the engine was away: " + String.join("; ", fills));
            else
                rest.add(fills.isEmpty() ? d : new Reconciliation.Difference(d.what() + " (latest venue fills: " + String.join("; ", fills) + ")", d.journal(), d.venue()));
        }
        return new Result(explained, rest);
    }
}

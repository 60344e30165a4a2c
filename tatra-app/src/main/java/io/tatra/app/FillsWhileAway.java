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
 * Explains start-up differences by what the venue did while the engine was away: a position that the last status
 * recorded and the venue no longer holds (or holds less of) is explained when the stop-loss and take-profit fills the
 * venue stamped after the status's last bar add up exactly to the difference. Those are the protective orders the
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
     * @param since      the last bar's close in the status (venue ms); -1: unknown, nothing is explained
     * @param executions a symbol's recent executions at the venue
     * @param steps      each symbol's quantity step (a difference within it is none)
     */
    static Result explain(List<Reconciliation.Difference> diff, long since, Function<String, List<ExecutionInfo>> executions, Map<String, BigDecimal> steps) {
        List<String> explained = new ArrayList<>();
        List<Reconciliation.Difference> rest = new ArrayList<>();
        for (Reconciliation.Difference d : diff) {
            if (since < 0 || !d.what().startsWith("position ")) {
                rest.add(d);
                continue;
            }
            String symbol = d.what().substring("position ".length());
            BigDecimal journal = new BigDecimal(d.journal()), venue = new BigDecimal(d.venue()), sum = BigDecimal.ZERO;
            List<String> fills = new ArrayList<>();
            boolean onlyProtective = true;
            for (ExecutionInfo e : executions.apply(symbol)) {
                io.tatra.live.FillTrades.Kind kind = LiveOutcomes.kind(e.execType(), e.stopOrderType());
                if (e.time() < since || kind == io.tatra.live.FillTrades.Kind.FUNDING) continue;
                BigDecimal signed = "Buy".equals(e.side()) ? e.qty() : e.qty().negate();
                boolean protective = kind != io.tatra.live.FillTrades.Kind.TRADE || PROTECTIVE.contains(e.stopOrderType() == null ? "" : e.stopOrderType());
                if (!protective) onlyProtective = false;
                sum = sum.add(signed);
                fills.add((protective ? kind.name() : "trade") + " " + e.side() + " " + e.qty().toPlainString() + " at " + e.price().toPlainString() + " ("
                        + Instant.ofEpochMilli(e.time()) + ", " + e.execId() + ")");
            }
            BigDecimal step = steps.getOrDefault(symbol, BigDecimal.ZERO);
            boolean adds = journal.add(sum).subtract(venue).abs().compareTo(step) <= 0 && (step.signum() > 0 || journal.add(sum).compareTo(venue) == 0);
            // a protective exit only ever reduces: it cannot open or flip a position
            boolean reduces = venue.signum() == 0 || venue.signum() == journal.signum() && venue.abs().compareTo(journal.abs()) < 0;
            if (!fills.isEmpty() && onlyProtective && adds && reduces)
                explained.add(d + ": explained by the protective fills while the engine was away: " + String.join("; ", fills));
            else
                rest.add(fills.isEmpty() ? d : new Reconciliation.Difference(d.what() + " (venue fills since the last status: " + String.join("; ", fills) + ")", d.journal(), d.venue()));
        }
        return new Result(explained, rest);
    }
}

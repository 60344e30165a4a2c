package io.tatra.backtest;

import io.tatra.trading.Trade;
import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalWriter;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a backtest's decisions and closed trades as the design documents' records ({@code decisions.jsonl},
 * {@code outcomes.jsonl}) through the crash-safe journal. {@code win_5m} / {@code win_30m}: the trade was in
 * profit (before costs) at the first bar close at least 5 / 30 minutes after its entry; with hourly bars both
 * are judged at the entry bar's close.
 */
public final class Journals {
    private Journals() {}

    /** A decision id: symbol and the decision bar's open time. */
    public static String id(Symbol s, long openTime) { return io.tatra.trading.DecisionOrders.id(s, openTime); }

    public static void write(Path dir, Map<Symbol, BarSeries> bars, Map<Symbol, TradeDecision[]> decisions, List<Trade> trades) {
        try (JournalWriter<Decision> w = JournalWriter.open(dir.resolve("decisions.jsonl"), Decision.class, JournalWriter.Durability.FLUSH)) {
            for (var e : decisions.entrySet()) {
                BarSeries b = bars.get(e.getKey());
                TradeDecision[] d = e.getValue();
                for (int i = 0; i < d.length; i++) {
                    if (d[i] == null) continue;
                    Signal sig = d[i].action() == Action.LONG ? Signal.BUY : d[i].action() == Action.SHORT ? Signal.SELL : Signal.HOLD;
                    w.append(new Decision(id(e.getKey(), b.openTimeMillis(i)), Instant.ofEpochMilli(b.openTimeMillis(i) + b.interval().millis()),
                            e.getKey().value(), sig, b.close(i), d[i].confidence(), d[i].trace()));
                }
            }
        }
        writeOutcomes(dir.resolve("outcomes.jsonl"), bars, trades);
    }

    /**
     * One design-document outcome per closed trade (id: the opening decision's, else SYMBOL-trade-ENTRY), with win_5m and
     * win_30m from the symbol's bars; a live or paper run writes the trades its fills made.
     */
    public static void writeOutcomes(Path file, Map<Symbol, BarSeries> bars, List<Trade> trades) {
        try (JournalWriter<Outcome> w = JournalWriter.open(file, Outcome.class, JournalWriter.Durability.FLUSH)) {
            for (Trade t : trades) {
                BarSeries b = bars.get(t.symbol());
                w.append(new Outcome(t.decisionId() == null ? t.symbol().value() + "-trade-" + t.entryTime().toEpochMilli() : t.decisionId(),
                        t.entryPrice(), t.exitPrice(), t.pnl(), inProfitAfter(b, t, 5), inProfitAfter(b, t, 30), t.entryTime(), t.exitTime()));
            }
        }
    }

    /** In profit, before costs, at the first close at least {@code minutes} after the entry (or at the exit if sooner). */
    static boolean inProfitAfter(BarSeries b, Trade t, int minutes) {
        long at = t.entryTime().toEpochMilli() + minutes * 60_000L;
        if (!t.exitTime().isAfter(Instant.ofEpochMilli(at))) return t.side() * (t.exitPrice() - t.entryPrice()) > 0;
        // the first bar whose close (open + interval) is at or after `at`: binary search on the open times
        int i = java.util.Arrays.binarySearch(b.openTimeArray(), 0, b.size(), at - b.interval().millis());
        if (i < 0) i = -i - 1;
        if (i >= b.size()) return t.side() * (t.exitPrice() - t.entryPrice()) > 0;
        return t.side() * (b.close(i) - t.entryPrice()) > 0;
    }
}

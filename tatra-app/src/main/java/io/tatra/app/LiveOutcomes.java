package io.tatra.app;

import io.tatra.backtest.Journals;
import io.tatra.bybit.client.BybitTrading;
import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.live.FillTrades;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A live session's outcomes from its real fills: the venue's executions, collected by execId on every poll (the
 * venue lists the newest 100 per symbol), become trades ({@link FillTrades}) linked to the decisions that opened
 * them, journaled as design-document outcomes with win_5m / win_30m from the bars. The journal folder outlives a
 * session: a trade opened by an earlier session and closed in this one is paired here (while its entry is among the
 * venue's listed executions), a trade already journaled is not written again, and fills of no decision of ours
 * (trades placed by hand on the account) are no outcome of ours.
 */
final class LiveOutcomes {
    private final BybitTrading trading;
    private final List<Symbol> symbols;
    private final long since;
    private final Map<String, ExecutionInfo> seen = new LinkedHashMap<>();

    LiveOutcomes(BybitTrading trading, List<Symbol> symbols, long sinceMillis) {
        this.trading = trading;
        this.symbols = List.copyOf(symbols);
        this.since = sinceMillis;
    }

    /** Collects the executions the venue lists now (at least every 100 fills per symbol). */
    void collect() {
        for (Symbol s : symbols)
            for (ExecutionInfo e : trading.executions(s.value())) seen.putIfAbsent(e.execId(), e);
    }

    /** Writes {@code outcomes.jsonl} in {@code dir}: one per closed trade. {@code bars} gives each symbol's closed bars from a time on. */
    void write(Path dir, Interval interval, BiFunction<Symbol, Long, List<Kline>> bars) {
        List<ExecutionInfo> all = new ArrayList<>(seen.values());
        all.sort(Comparator.comparingLong(ExecutionInfo::time).thenComparing(ExecutionInfo::execId));
        List<FillTrades.Fill> fills = new ArrayList<>();
        for (ExecutionInfo e : all)
            fills.add(new FillTrades.Fill(Symbol.of(e.symbol()), e.orderLinkId(), "Buy".equals(e.side()) ? 1 : -1, e.price().doubleValue(), e.qty().doubleValue(),
                    e.fee().doubleValue(), kind(e.execType(), e.stopOrderType()), e.time()));
        long from = Math.min(since, all.isEmpty() ? since : all.get(0).time());
        Map<Symbol, BarSeries> series = new HashMap<>();
        for (Symbol s : symbols) {
            BarSeries.Builder b = BarSeries.builder(s, interval);
            for (Kline k : bars.apply(s, from - interval.millis()))
                b.add(k.startTime(), k.open().doubleValue(), k.high().doubleValue(), k.low().doubleValue(), k.close().doubleValue(), k.volume().doubleValue());
            series.put(s, b.build());
        }
        write(dir, fills, series, true);
    }

    /** What a fill was, from Bybit's execType and stopOrderType (the paper exchange names protective fills in execType). */
    static FillTrades.Kind kind(String execType, String stopOrderType) {
        if ("Funding".equals(execType)) return FillTrades.Kind.FUNDING;
        if ("StopLoss".equals(stopOrderType) || "StopLoss".equals(execType)) return FillTrades.Kind.STOP_LOSS;
        if ("TakeProfit".equals(stopOrderType) || "TakeProfit".equals(execType)) return FillTrades.Kind.TAKE_PROFIT;
        return FillTrades.Kind.TRADE;
    }

    /**
     * The trades of {@code fills} (time order) appended to {@code dir/outcomes.jsonl}, each linked to its opening
     * decision in {@code dir/decisions.jsonl}; {@code onlyNew}: only trades of a journaled decision not yet in the file.
     */
    static void write(Path dir, List<FillTrades.Fill> fills, Map<Symbol, BarSeries> bars, boolean onlyNew) {
        Map<String, String> decisionOf = new HashMap<>();
        Path decisions = dir.resolve("decisions.jsonl");
        if (Files.exists(decisions))
            for (Decision d : JournalReader.read(decisions, Decision.class).records()) decisionOf.put(OrderLinkId.of(d.id(), 0).value(), d.id());
        List<io.tatra.trading.Trade> trades = FillTrades.of(fills, decisionOf::get);
        if (onlyNew) {
            java.util.Set<String> written = new java.util.HashSet<>();
            Path outcomes = dir.resolve("outcomes.jsonl");
            if (Files.exists(outcomes)) for (var o : JournalReader.read(outcomes, io.tatra.journal.Outcome.class).records()) written.add(o.decisionId());
            trades = trades.stream().filter(t -> t.decisionId() != null && !written.contains(t.decisionId())).toList();
        }
        Journals.writeOutcomes(dir.resolve("outcomes.jsonl"), bars, trades);
    }
}

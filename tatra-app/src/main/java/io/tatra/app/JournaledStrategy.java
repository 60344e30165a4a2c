package io.tatra.app;

import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalWriter;
import io.tatra.journal.Signal;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.trading.DecisionOrders;
import io.tatra.trading.ModelStrategy;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.journal.JournalKind;
import io.tatra.journal.Snapshot;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A {@link ModelStrategy} whose every decision — hold included, with the fusion's whole trace — goes to
 * {@code decisions.jsonl} in the record a backtest run writes ({@code Journals}), so that a live or paper run's journal
 * compares with a backtest's bar by bar and feeds retraining. Orders follow the strategy's holding rules and
 * {@link DecisionOrders}, as in {@link ModelStrategy#onBar}. Journaling starts after the warm-up ({@link #startJournal}).
 */
final class JournaledStrategy implements Strategy, AutoCloseable {
    /** Funding and open-interest readings kept per symbol and kind for warming a replacement model. */
    static final int TAPE = 1_000;

    private final ModelStrategy model;
    private final Map<Symbol, ModelStrategy> replaced = new HashMap<>();
    private final Map<Symbol, Replacement> swappedTo = new HashMap<>();
    private final Map<Symbol, ArrayDeque<FundingRate>> fundingTape = new HashMap<>();
    private final Map<Symbol, ArrayDeque<OpenInterest>> oiTape = new HashMap<>();
    private final Map<Symbol, ArrayDeque<io.tatra.market.OrderBookSnapshot>> bookTape = new HashMap<>();
    private volatile Replacement next;
    private JournalWriter<Decision> journal;

    /** A model to trade from each symbol's next bar on: {@code build} makes its strategy for one symbol's event frame. */
    record Replacement(String name, Function<MarketFrame, ModelStrategy> build, BiConsumer<Symbol, String> swapped) {
        /** A loaded model version traded through {@code fusion}, with its card's window and horizon. */
        static Replacement of(String name, io.tatra.model.io.ModelStore.Loaded l, io.tatra.decision.FusionPolicy fusion, io.tatra.trading.HoldingRules holding,
                              BiConsumer<Symbol, String> swapped) {
            return new Replacement(name, frame -> new ModelStrategy(new io.tatra.model.eval.ModelForecaster(l.model()), l.normalization(), io.tatra.features.FeatureConfig.forSchemaOrDefault(l.card().featureSchema()),
                    l.card().window(), l.card().labels().horizon(), fusion, Map.of(frame.bars().symbol(), frame), null).withHoldingRules(holding), swapped);
        }
    }

    /** Something that turns each decision into orders itself, managing the positions (PPO sizing), instead of the holding rules. */
    interface Positions {
        List<TargetOrder> orders(BarSeries history, int index, PortfolioView portfolio, TradeDecision d);
    }

    private Positions positions;

    JournaledStrategy(ModelStrategy model) { this.model = model; }

    /** From now on {@code p} makes the orders from each (journaled) decision; returns this strategy. */
    JournaledStrategy withPositions(Positions p) {
        this.positions = p;
        return this;
    }

    /**
     * Trades {@code r}'s model instead, symbol by symbol at each one's next bar: the new strategy is warmed on the
     * bars of the engine's window before that bar and on the funding and open interest received meanwhile (fed as of
     * each bar's close, as in a backtest), so its first decision sees a complete window. Thread-safe: a background
     * retrain calls it, the engine thread applies it.
     */
    void replaceWith(Replacement r) { this.next = r; }

    /** A funding reading as it arrives: kept on the tape and given to the symbol's strategy. */
    void onFunding(FundingRate f) {
        keep(fundingTape, f.symbol(), f);
        strategy(f.symbol()).onFunding(f);
    }

    void onOpenInterest(OpenInterest o) {
        keep(oiTape, o.symbol(), o);
        strategy(o.symbol()).onOpenInterest(o);
    }

    void onBook(io.tatra.market.OrderBookSnapshot b) {
        keep(bookTape, b.symbol(), b);
        strategy(b.symbol()).onBook(b);
    }

    private static <T> void keep(Map<Symbol, ArrayDeque<T>> tape, Symbol s, T item) {
        ArrayDeque<T> q = tape.computeIfAbsent(s, k -> new ArrayDeque<>());
        q.addLast(item);
        if (q.size() > TAPE) q.removeFirst();
    }

    private ModelStrategy strategy(Symbol s) { return replaced.getOrDefault(s, model); }

    private void swapIfDue(BarSeries history, int index) {
        Replacement r = next;
        Symbol s = history.symbol();
        // the tape holds what arrived up to this bar's close; the frame feeds each reading as of the first bar closing after it
        List<FundingRate> f = List.copyOf(fundingTape.getOrDefault(s, new ArrayDeque<>()));
        List<OpenInterest> o = List.copyOf(oiTape.getOrDefault(s, new ArrayDeque<>()));
        List<io.tatra.market.OrderBookSnapshot> b = List.copyOf(bookTape.getOrDefault(s, new ArrayDeque<>()));
        ModelStrategy fresh = r.build().apply(new MarketFrame(history, f, o, b));
        for (int i = 0; i < index; i++) fresh.observe(history, i);
        if (snapshots != null) fresh.withFeatureListener(this::snapshot);
        replaced.put(s, fresh);
        swappedTo.put(s, r);
        r.swapped().accept(s, r.name());
    }

    /**
     * From now on, every decision is journaled to {@code dir/decisions.jsonl} and every bar's raw features to
     * {@code dir/snapshots.jsonl} (the design documents' market snapshot: symbol, the bar's close, each defined
     * feature by name); both appended, a torn tail closed first.
     */
    void startJournals(Path dir) {
        journal = JournalWriter.open(dir.resolve(JournalKind.DECISIONS.fileName()), Decision.class, JournalWriter.Durability.FLUSH);
        snapshots = JournalWriter.open(dir.resolve(JournalKind.SNAPSHOTS.fileName()), Snapshot.class, JournalWriter.Durability.FLUSH);
        model.withFeatureListener(this::snapshot);
        for (ModelStrategy m : replaced.values()) m.withFeatureListener(this::snapshot);
    }

    private JournalWriter<Snapshot> snapshots;
    private long barMillis;

    private void snapshot(Symbol s, long barOpen, double[] row) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (Feature x : Feature.values()) if (Double.isFinite(row[x.ordinal()])) f.put(x.id(), row[x.ordinal()]);
        snapshots.append(new Snapshot(s.value(), Instant.ofEpochMilli(barOpen + barMillis), f));
    }

    @Override
    public List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) {
        barMillis = history.interval().millis();
        if (next != null && swappedTo.get(history.symbol()) != next && index > 0) swapIfDue(history, index);
        ModelStrategy m = strategy(history.symbol());
        TradeDecision d = m.decide(history, index);
        if (d == null) return List.of();
        Symbol s = history.symbol();
        String id = DecisionOrders.id(s, history.openTimeMillis(index));
        if (journal != null) {
            Signal sig = d.action() == Action.LONG ? Signal.BUY : d.action() == Action.SHORT ? Signal.SELL : Signal.HOLD;
            journal.append(new Decision(id, Instant.ofEpochMilli(history.openTimeMillis(index) + history.interval().millis()), s.value(), sig, history.close(index),
                    d.confidence(), d.trace()));
        }
        // the holding rules act on the orders, not on the journal: it keeps the policy's decision, as a backtest's does
        return positions != null ? positions.orders(history, index, portfolio, d) : m.orders(history, index, portfolio, d);
    }

    @Override
    public void close() {
        if (journal != null) journal.close();
        if (snapshots != null) snapshots.close();
    }
}

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

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A {@link ModelStrategy} whose every decision — hold included, with the fusion's whole trace — goes to
 * {@code decisions.jsonl} in the record a backtest run writes ({@code Journals}), so that a live or paper run's journal
 * compares with a backtest's bar by bar and feeds retraining. Orders follow {@link DecisionOrders}, as in
 * {@link ModelStrategy#onBar}. Journaling starts after the warm-up ({@link #startJournal}).
 */
final class JournaledStrategy implements Strategy, AutoCloseable {
    private final ModelStrategy model;
    private JournalWriter<Decision> journal;

    JournaledStrategy(ModelStrategy model) { this.model = model; }

    /** From now on, every decision is journaled to {@code file} (appended; a torn tail is closed first). */
    void startJournal(Path file) { journal = JournalWriter.open(file, Decision.class, JournalWriter.Durability.FLUSH); }

    ModelStrategy model() { return model; }

    @Override
    public List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) {
        TradeDecision d = model.decide(history, index);
        if (d == null) return List.of();
        Symbol s = history.symbol();
        String id = DecisionOrders.id(s, history.openTimeMillis(index));
        if (journal != null) {
            Signal sig = d.action() == Action.LONG ? Signal.BUY : d.action() == Action.SHORT ? Signal.SELL : Signal.HOLD;
            journal.append(new Decision(id, Instant.ofEpochMilli(history.openTimeMillis(index) + history.interval().millis()), s.value(), sig, history.close(index),
                    d.confidence(), d.trace()));
        }
        return DecisionOrders.orders(s, d, portfolio.position(s), id);
    }

    @Override
    public void close() {
        if (journal != null) journal.close();
    }
}

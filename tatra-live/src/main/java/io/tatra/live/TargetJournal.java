package io.tatra.live;

import io.tatra.journal.Decision;
import io.tatra.journal.JournalWriter;
import io.tatra.journal.Signal;
import io.tatra.trading.TargetOrder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every target a strategy returns, as a design-document decision record ({@code decisions.jsonl}; each line written at once, so it outlives the process, and forced to disk at the close, as a model strategy's decision journal is): the signal
 * from the target's side, the bar's close, the target fraction as confidence, and the target's fraction, stop move,
 * stop and take profit as its features. A stop move alone is a hold with confidence 0.
 */
final class TargetJournal implements AutoCloseable {
    private final JournalWriter<Decision> out;

    TargetJournal(Path file) { this.out = JournalWriter.open(file, Decision.class, JournalWriter.Durability.FLUSH); }

    void append(TargetOrder t, long closeMillis, double close) {
        Map<String, Double> f = new LinkedHashMap<>();
        if (!t.keepsPosition()) f.put("target_fraction", t.fraction());
        if (t.movesStop()) f.put("stop_price", t.stopPrice());
        if (!Double.isNaN(t.stopLoss())) f.put("stop_loss", t.stopLoss());
        if (!Double.isNaN(t.takeProfit())) f.put("take_profit", t.takeProfit());
        Signal sig = t.fraction() > 0 ? Signal.BUY : t.fraction() < 0 ? Signal.SELL : Signal.HOLD;
        out.append(new Decision(t.decisionId(), Instant.ofEpochMilli(closeMillis), t.symbol().value(), sig, close,
                t.keepsPosition() ? 0 : Math.min(1, Math.abs(t.fraction())), f));
    }

    @Override
    public void close() { out.close(); }
}

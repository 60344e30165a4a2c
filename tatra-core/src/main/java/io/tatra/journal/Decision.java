package io.tatra.journal;

import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.Map;

/** A trading decision, one line of {@code decisions.jsonl}: {@code {id,timestamp,symbol,signal,price,confidence,features}}. */
public record Decision(String id, Instant timestamp, String symbol, Signal signal, double price, double confidence,
                       Map<String, Double> features) implements JournalRecord {
    public Decision {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("decision: id is required");
        if (timestamp == null) throw new IllegalArgumentException("decision " + id + ": timestamp is required");
        if (symbol == null) throw new IllegalArgumentException("decision " + id + ": symbol is required");
        symbol = Symbol.of(symbol).value();
        if (signal == null) throw new IllegalArgumentException("decision " + id + ": signal is required (BUY, SELL or HOLD)");
        if (!(price > 0) || !Double.isFinite(price)) throw new IllegalArgumentException("decision " + id + ": price " + price + " must be finite and > 0");
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException("decision " + id + ": confidence " + confidence + " must be in [0, 1]");
        features = JournalRecord.checkFeatures(features, "decision " + id);
    }

    @Override
    public String key() { return id; }
}

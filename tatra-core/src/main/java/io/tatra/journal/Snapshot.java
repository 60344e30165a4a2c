package io.tatra.journal;

import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.Map;

/** A market snapshot, one line of {@code snapshots.jsonl}: {@code {symbol,timestamp,features}}. */
public record Snapshot(String symbol, Instant timestamp, Map<String, Double> features) implements JournalRecord {
    public Snapshot {
        if (symbol == null) throw new IllegalArgumentException("snapshot: symbol is required");
        symbol = Symbol.of(symbol).value();
        if (timestamp == null) throw new IllegalArgumentException("snapshot " + symbol + ": timestamp is required");
        features = JournalRecord.checkFeatures(features, "snapshot " + symbol + " " + timestamp);
    }

    @Override
    public String key() { return symbol + "@" + timestamp; }
}

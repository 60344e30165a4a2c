package io.tatra.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A record of one of the three trading logs. */
public sealed interface JournalRecord permits Decision, Outcome, Snapshot {
    /** The record's identity in the store (re-importing the same key adds nothing). */
    String key();

    /** Copies the feature map, refusing null names and non-finite values. */
    static Map<String, Double> checkFeatures(Map<String, Double> features, String at) {
        if (features == null) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : features.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) throw new IllegalArgumentException(at + ": a feature has no name");
            if (e.getValue() == null || !Double.isFinite(e.getValue())) throw new IllegalArgumentException(at + ": feature " + e.getKey() + " is " + e.getValue() + " (must be a finite number)");
            out.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}

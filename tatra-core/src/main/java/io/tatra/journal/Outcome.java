package io.tatra.journal;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The outcome of a decision, one line of {@code outcomes.jsonl}:
 * {@code {decisionId,entryPrice,exitPrice,profitLoss,win_5m,win_30m,executedTime,closedTime}}.
 */
public record Outcome(String decisionId, double entryPrice, double exitPrice, double profitLoss,
                      @JsonProperty("win_5m") boolean win5m, @JsonProperty("win_30m") boolean win30m,
                      Instant executedTime, Instant closedTime) implements JournalRecord {
    public Outcome {
        if (decisionId == null || decisionId.isBlank()) throw new IllegalArgumentException("outcome: decisionId is required");
        String at = "outcome of " + decisionId;
        if (!(entryPrice > 0) || !Double.isFinite(entryPrice)) throw new IllegalArgumentException(at + ": entryPrice " + entryPrice + " must be finite and > 0");
        if (!(exitPrice > 0) || !Double.isFinite(exitPrice)) throw new IllegalArgumentException(at + ": exitPrice " + exitPrice + " must be finite and > 0");
        if (!Double.isFinite(profitLoss)) throw new IllegalArgumentException(at + ": profitLoss must be finite");
        if (executedTime == null || closedTime == null) throw new IllegalArgumentException(at + ": executedTime and closedTime are required");
        if (closedTime.isBefore(executedTime)) throw new IllegalArgumentException(at + ": closedTime " + closedTime + " is before executedTime " + executedTime);
    }

    @Override
    public String key() { return decisionId; }
}

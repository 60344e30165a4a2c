package io.tatra.ingest;

/** One change the {@code repair} policy made; {@code line} is the source line it concerns (0: the whole file). */
public record Repair(Action action, long line, String description) {
    /** The documented repairs. */
    public enum Action {
        /** Rows put into time order. */
        SORTED,
        /** An identical duplicate row dropped. */
        DROPPED_IDENTICAL_DUPLICATE,
        /** One of two conflicting rows kept by the stated rule, the other dropped. */
        RESOLVED_CONFLICT,
        /** High or low widened to contain open and close. */
        WIDENED_RANGE,
        /** An unconfirmed wick clipped to the bar's body. */
        CLIPPED_WICK,
        /** The epoch and date columns disagree: the machine-written epoch is kept (the date column is display text). */
        KEPT_EPOCH_TIME,
        /** A bad optional field (quote volume, trade count) stored as missing; the bar is kept. */
        CLEARED_OPTIONAL_FIELD,
        /** A row dropped because it is unusable (unparseable, impossible or an unconfirmed open/close). */
        DROPPED_ROW
    }

    @Override
    public String toString() {
        return action + (line > 0 ? " line " + line : "") + ": " + description;
    }
}

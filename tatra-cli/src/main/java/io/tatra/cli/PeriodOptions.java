package io.tatra.cli;

import io.tatra.TatraException;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code --from} / {@code --to}: the period of stored bars a command reads, the same words in every command. */
final class PeriodOptions {
    @Option(names = "--from", converter = Times.class, description = "First bar's open time, inclusive (UTC; 2024-01-01 or 2024-01-01T08:00:00Z). Default: the first stored bar")
    Instant from;

    @Option(names = "--to", converter = Times.class, description = "Open time the period stops before, exclusive (UTC). Default: after the last stored bar")
    Instant to;

    /** The start, after checking the period is not empty. */
    Instant from() {
        check();
        return from;
    }

    Instant to() {
        check();
        return to;
    }

    private void check() {
        if (from != null && to != null && !from.isBefore(to)) throw new TatraException("--from " + from + " is not before --to " + to);
    }
}

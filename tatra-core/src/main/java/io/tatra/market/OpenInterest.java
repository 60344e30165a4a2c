package io.tatra.market;

import java.time.Instant;

/** Open interest of a derivative, in contracts or base units, at {@code time}. */
public record OpenInterest(Symbol symbol, Instant time, double value) {
    public OpenInterest {
        if (symbol == null) throw new IllegalArgumentException("open interest: symbol is null");
        Checks.time(time, "open interest " + symbol);
        Checks.nonNegative(value, "value", "open interest " + symbol + " " + time);
    }
}

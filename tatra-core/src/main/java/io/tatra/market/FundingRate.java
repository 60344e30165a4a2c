package io.tatra.market;

import java.time.Instant;

/** A perpetual's funding rate (fraction per funding period, e.g. 0.0001 = 0.01 %) settled at {@code time}. */
public record FundingRate(Symbol symbol, Instant time, double rate) {
    public FundingRate {
        if (symbol == null) throw new IllegalArgumentException("funding rate: symbol is null");
        Checks.time(time, "funding rate " + symbol);
        Checks.finite(rate, "rate", "funding rate " + symbol + " " + time);
        if (Math.abs(rate) >= 1) throw new IllegalArgumentException("funding rate " + symbol + " " + time + ": |rate| " + rate + " must be < 1 (a fraction, not percent)");
    }
}

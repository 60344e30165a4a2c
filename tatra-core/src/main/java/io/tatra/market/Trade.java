package io.tatra.market;

import java.time.Instant;

/** A public trade print: the aggressor bought or sold {@code size} at {@code price}. */
public record Trade(Symbol symbol, Instant time, double price, double size, Side aggressor, String id) {
    public Trade {
        if (symbol == null) throw new IllegalArgumentException("trade: symbol is null");
        Checks.time(time, "trade " + symbol);
        String at = "trade " + symbol + " " + time;
        Checks.positive(price, "price", at);
        Checks.positive(size, "size", at);
        if (aggressor == null) throw new IllegalArgumentException(at + ": aggressor side is null");
        if (id == null) id = "";
    }
}

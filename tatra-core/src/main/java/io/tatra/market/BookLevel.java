package io.tatra.market;

/** One price level of an order book. */
public record BookLevel(double price, double size) {
    public BookLevel {
        Checks.positive(price, "price", "book level");
        Checks.nonNegative(size, "size", "book level at " + price);
    }
}

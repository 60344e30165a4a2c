package io.tatra.features;

/** The families the 64 features belong to; the catalogue lists them in this order. */
public enum FeatureGroup {
    RETURNS, VOLATILITY, MOMENTUM, LEVELS, VOLUME, CANDLE, CALENDAR, DERIVATIVES, ORDER_BOOK, STATISTICS
}

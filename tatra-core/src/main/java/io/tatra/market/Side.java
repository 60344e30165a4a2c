package io.tatra.market;

/** The aggressor side of a trade, or the side of an order. */
public enum Side { BUY, SELL }

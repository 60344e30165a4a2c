package io.tatra.journal;

/** The signal of a logged decision, as in the design documents. */
public enum Signal { BUY, SELL, HOLD }

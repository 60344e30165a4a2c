package io.tatra.market;

/** What is traded: spot, a perpetual swap (funding every 8 h) or a dated future. */
public enum InstrumentKind { SPOT, PERPETUAL, FUTURE }

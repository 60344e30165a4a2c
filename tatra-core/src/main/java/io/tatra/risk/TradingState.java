package io.tatra.risk;

/** What the risk check lets through. */
public enum TradingState {
    /** Every order within the limits. */
    ACTIVE,
    /** Only orders that shrink exposure (toward flat, never past it): after a daily-loss or drawdown breach. */
    REDUCING,
    /** Nothing: a kill switch, set by hand or by the engine on a fault. */
    HALTED
}

package io.tatra.backtest;

/** When a signal computed on a bar's close is executed. */
public enum FillTiming {
    /** At the next bar's open (default): the signal bar's close is never traded on. */
    NEXT_OPEN,
    /** At the signal bar's own close: optimistic (no latency), for comparison only; must be chosen explicitly. */
    SIGNAL_CLOSE
}

package io.tatra.trading;

/** Why a trade closed. */
public enum ExitReason { SIGNAL, STOP_LOSS, TAKE_PROFIT, END_OF_DATA }
